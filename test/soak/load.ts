// The soak's steady mixed load: members in rooms on every conn node, some sending NORMAL messages at a modest rate
// (within conn's per-connection limit), a business service posting IMPORTANT messages to alternate logic nodes, and a
// few clients leaving and signing in again every second. Every rate is bounded and every timer stops on stop().
import { Tokens, PUSH_SCOPE } from "@roomcast/pkg/token";
import { RoomClient } from "../harness/room_client";
import { TOKEN_SECRET } from "../harness/roomcast";
import { sleep } from "../support/wait";
import { Ledger, importantBody, normalBody } from "./ledger";

export interface LoadParams {
  clients: number;
  rooms: number;
  /** Per room: members that leave and sign in again; the rest are steady members. */
  churnersPerRoom: number;
  /** Per room: steady members that send NORMAL messages. */
  sendersPerRoom: number;
  /** NORMAL messages per second, over all senders. */
  normalPerSec: number;
  /** POST /msg per second, over all rooms, alternating logic nodes. */
  importantPerSec: number;
  /** Churners that leave (and sign in again shortly after) per second. */
  churnPerSec: number;
  heartbeatMs: number;
}

interface Slot {
  id: number;
  room: number;
  node: number;
  churner: boolean;
  sender?: number;
  client?: RoomClient;
  /** Closed on purpose (churn or the end): its close is not an error. */
  leaving: boolean;
}

/** Errors the load saw, by kind; `examples` keeps the first few texts. */
export class Errors {
  readonly counts = new Map<string, number>();
  readonly examples: string[] = [];
  /** Counts one; the first of each kind (up to 8 kinds) is kept as an example. */
  add(kind: string, detail = ""): void {
    const seen = this.counts.get(kind) ?? 0;
    this.counts.set(kind, seen + 1);
    if (seen === 0 && this.examples.length < 8 && detail) this.examples.push(`${kind}: ${detail.slice(0, 200)}`);
  }
  get total(): number {
    return [...this.counts.values()].reduce((s, n) => s + n, 0);
  }
}

const MAX_POSTS_IN_FLIGHT = 200;
const POST_TIMEOUT_MS = 30_000;
/** For the socket to open, and again for the sign-in's answer: generous, since a busy 2-core machine is slow to answer. */
const SIGN_IN_TIMEOUT_MS = 15_000;
const TICK_MS = 50;

export class SoakLoad {
  readonly ledger: Ledger;
  readonly errors = new Errors();
  readonly stats = { signIns: 0, churned: 0, normalSkipped: 0, importantSkipped: 0 };
  private readonly slots: Slot[] = [];
  private readonly roomNames: string[];
  private readonly tokens = new Tokens({ secret: TOKEN_SECRET, ttlSec: 6 * 3600 });
  private readonly pushToken = this.tokens.sign("soak-service", PUSH_SCOPE);
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly posts = new Set<Promise<void>>();
  private running = true;
  private sending = false;

  constructor(
    private readonly p: LoadParams,
    private readonly wsUrls: string[],
    private readonly httpUrls: string[],
  ) {
    const run = Math.random().toString(36).slice(2, 8);
    this.roomNames = Array.from({ length: p.rooms }, (_, r) => `soak-${run}-${r}`);
    this.ledger = new Ledger(p.rooms);
    let senders = 0;
    for (let id = 0; id < p.clients; id++) {
      const room = id % p.rooms;
      const inRoom = Math.floor(id / p.rooms);
      // Neighbours in a room alternate conn nodes, so every room spans every node.
      const slot: Slot = { id, room, node: inRoom % wsUrls.length, churner: inRoom < p.churnersPerRoom, leaving: false };
      if (!slot.churner) {
        this.ledger.addMember(id, room);
        if (inRoom < p.churnersPerRoom + p.sendersPerRoom) {
          slot.sender = senders++;
          this.ledger.addSender(slot.sender, room);
        }
      }
      this.slots.push(slot);
    }
  }

  get senders(): number {
    return this.slots.filter((s) => s.sender !== undefined).length;
  }

  /** Signs every client in (a few dozen at a time) and starts reading their deliveries. */
  async join(): Promise<void> {
    for (let i = 0; i < this.slots.length && this.running; i += 25)
      await Promise.all(this.slots.slice(i, i + 25).map((s) => this.connect(s, this.wsUrls[s.node]!)));
    const missing = this.slots.filter((s) => !s.client).length;
    if (missing > 0 && this.running) throw new Error(`${missing} of ${this.slots.length} clients could not sign in`);
    this.every(200, () => this.collect());
  }

  /** Starts the NORMAL senders, the POST /msg publisher and the churn. */
  startSending(): void {
    this.sending = true;
    this.paced(this.p.normalPerSec, (n) => this.sendNormal(n));
    this.paced(this.p.importantPerSec, (n) => this.postImportant(n));
    if (this.p.churnPerSec > 0) this.every(1000 / this.p.churnPerSec, () => this.churnOne());
  }

  /** Stops sending and waits for every POST /msg to be answered (or to time out). */
  async stopSending(): Promise<void> {
    this.sending = false;
    await Promise.all([...this.posts]);
  }

  /** Stops every timer and closes every client. */
  async stop(): Promise<void> {
    this.running = false;
    this.sending = false;
    for (const t of this.timers.splice(0)) clearInterval(t);
    this.collect();
    for (const s of this.slots) {
      s.leaving = true;
      s.client?.terminate();
    }
    await Promise.race([Promise.all(this.slots.map((s) => s.client?.closed)), sleep(5_000)]);
  }

  /** Clients connected now, and how many of them churn. */
  connected(): { all: number; churners: number } {
    const open = this.slots.filter((s) => s.client?.open);
    return { all: open.length, churners: open.filter((s) => s.churner).length };
  }

  private every(ms: number, fn: () => void): void {
    this.timers.push(setInterval(fn, ms));
  }

  /** Calls fn(n) every tick with the messages due at `perSec` since the start; a stall does not turn into a burst. */
  private paced(perSec: number, fn: (n: number) => void): void {
    if (perSec <= 0) return;
    let start = Date.now();
    let done = 0;
    this.every(TICK_MS, () => {
      if (!this.sending) return;
      let due = Math.floor(((Date.now() - start) / 1000) * perSec) - done;
      if (due > perSec) {
        // More than a second behind (the event loop stalled): start the count again rather than catch up at once.
        start = Date.now();
        done = 0;
        due = 0;
      }
      done += due;
      if (due > 0) fn(due);
    });
  }

  private nextSender = 0;
  private sendNormal(n: number): void {
    const senders = this.slots.filter((s) => s.sender !== undefined);
    for (let i = 0; i < n; i++) {
      const s = senders[this.nextSender++ % senders.length]!;
      if (!s.client?.open) {
        this.stats.normalSkipped++;
        continue;
      }
      s.client.say(this.roomNames[s.room]!, normalBody(s.sender!, this.ledger.nextNormal(s.sender!)));
    }
  }

  private nextPost = 0;
  private postImportant(n: number): void {
    for (let i = 0; i < n; i++) {
      if (this.posts.size >= MAX_POSTS_IN_FLIGHT) {
        this.stats.importantSkipped++;
        continue;
      }
      const k = this.nextPost++;
      const room = k % this.p.rooms;
      const http = this.httpUrls[k % this.httpUrls.length]!;
      const seq = this.ledger.nextImportant(room);
      // fetch opens as many connections as the posts in flight need: a slow logic node shows as its own latency, not
      // as posts queued behind a small pool of ours.
      const post: Promise<void> = fetch(`${http}/msg`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${this.pushToken}` },
        body: JSON.stringify({ room_id: this.roomNames[room], msg: importantBody(room, seq) }),
        signal: AbortSignal.timeout(POST_TIMEOUT_MS),
      })
        .then(async (res) => {
          const status = res.status;
          const text = await res.text();
          const ok = status === 200 && (JSON.parse(text) as { code?: number }).code === 1;
          this.ledger.answered(room, seq, ok);
          if (!ok) this.errors.add(`POST /msg HTTP ${status}`, `${new URL(http).host}: ${text}`);
        })
        .catch((err: unknown) => {
          this.ledger.answered(room, seq, false);
          this.errors.add("POST /msg no answer", `${new URL(http).host}: ${(err as Error).message}`);
        })
        .finally(() => this.posts.delete(post));
      this.posts.add(post);
    }
  }

  /** One churner leaves (a clean close or a dropped socket, in turn) and signs in again on a random node soon after. */
  private churnOne(): void {
    if (!this.sending) return;
    const open = this.slots.filter((s) => s.churner && s.client?.open && !s.leaving);
    const s = open[Math.floor(Math.random() * open.length)];
    if (!s) return;
    s.leaving = true;
    this.collect();
    if (this.stats.churned++ % 2 === 0) s.client!.close();
    else s.client!.terminate();
    const url = this.wsUrls[Math.floor(Math.random() * this.wsUrls.length)]!;
    void sleep(300 + Math.random() * 700).then(() => (this.running ? this.connect(s, url) : undefined));
  }

  /** Connects and signs a slot in (up to 3 tries); an unexpected close later is an error, and a steady member's ends its checks. */
  private async connect(s: Slot, url: string): Promise<void> {
    for (let attempt = 1; attempt <= 3 && this.running; attempt++) {
      try {
        const c = await this.signIn(url, s);
        c.keepAlive(this.p.heartbeatMs);
        s.client = c;
        s.leaving = false;
        this.stats.signIns++;
        void c.closed.then(({ code, reason }) => this.closed(s, c, code, reason));
        if (!this.running) c.terminate();
        return;
      } catch (err) {
        this.errors.add("sign-in failed", `${url}: ${(err as Error).message}`);
        await sleep(1000);
      }
    }
  }

  /** A signed-in client; a socket whose sign-in failed or was not answered in time is closed, not left behind. */
  private async signIn(url: string, s: Slot): Promise<RoomClient> {
    const c = await RoomClient.connect(url, SIGN_IN_TIMEOUT_MS);
    try {
      const r = await c.signIn(this.tokens.sign(`soak-${s.id}`), this.roomNames[s.room]!, SIGN_IN_TIMEOUT_MS);
      if (r.code !== 0) throw new Error(`sign-in refused: ${r.code} ${r.msg}`);
      return c;
    } catch (err) {
      c.terminate();
      throw err;
    }
  }

  private closed(s: Slot, c: RoomClient, code: number, reason: string): void {
    if (s.client !== c || s.leaving || !this.running) return;
    this.drain(s, c);
    this.errors.add(`unexpected close ${code}`, `client ${s.id} on ${this.wsUrls[s.node]}: ${reason}`);
    // It missed what was sent while it was away: from now on it is not held to the promises.
    if (!s.churner) this.ledger.exclude(s.id);
    s.client = undefined;
    void sleep(1000).then(() => (this.running ? this.connect(s, this.wsUrls[s.node]!) : undefined));
  }

  /** Hands every client's new deliveries to the ledger and forgets them, and counts Err replies. */
  private collect(): void {
    for (const s of this.slots) if (s.client) this.drain(s, s.client);
  }

  private drain(s: Slot, c: RoomClient): void {
    for (const m of c.received.splice(0)) this.ledger.received(s.id, m.text);
    c.frames.length = 0;
    while (c.pendingErrs() > 0)
      void c.nextErr().then((e) => this.errors.add(`Err ${e.code} from conn`, `client ${s.id}: ${e.code} ${e.msg}`));
  }
}
