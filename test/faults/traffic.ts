// The traffic of one fault round in one room: members on both conn nodes, two of them sending NORMAL messages with
// per-sender sequence numbers, and IMPORTANT messages posted to the logic nodes in turn, each with a unique payload.
import { MsgLevel } from "@roomcast/pkg/protocol";
import { Tokens } from "@roomcast/pkg/token";
import { RoomClient } from "../harness/room_client";
import { TOKEN_SECRET } from "../harness/roomcast";
import { sleep } from "../support/wait";

const tokens = new Tokens({ secret: TOKEN_SECRET, ttlSec: 600 });

export interface Member {
  uid: string;
  /** Index of the conn node it signed in to. */
  node: number;
  client: RoomClient;
  /**
   * Counted for losses: signed in before the traffic began, on a node no fault touched. Members of a killed or
   * partitioned conn node are not (their clients sign in again on the other node, uncounted).
   */
  counted: boolean;
  sender: boolean;
}

export interface TrafficOptions {
  wsUrls: string[];
  httpUrls: string[];
  room: string;
  /** IMPORTANT posts: one every importantEveryMs, to logic 0, 1, 0, … */
  importantEveryMs: number;
  /** NORMAL messages: each sender one every normalEveryMs (under conn's 20/s per connection). */
  normalEveryMs: number;
  /** POST /msg requests left unanswered longer than this count as not acknowledged. */
  postTimeoutMs: number;
  /** Posts in flight at most; a tick that finds this many waits for the next. */
  maxInFlight: number;
}

export class RoomTraffic {
  readonly members: Member[] = [];
  /** IMPORTANT sequence numbers posted, and those answered 200 with code 1. */
  readonly posted: number[] = [];
  readonly acked = new Set<number>();
  readonly postFailures = new Map<string, number>();
  /** NORMAL messages sent, per sender uid. */
  readonly normalSent = new Map<string, number>();
  private timers: NodeJS.Timeout[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private joined = 0;
  /** Signed for each round: a long run outlives any one token (one signed at start-up expired mid-run: every post 401). */
  private readonly pushToken = tokens.sign("fault-suite", "push");

  constructor(private readonly o: TrafficOptions) {}

  /** Signs a new member in on conn node `node`; retries a refused or failed sign-in until timeoutMs. */
  async join(node: number, opts: { counted: boolean; sender?: boolean; timeoutMs?: number }): Promise<Member> {
    const uid = `m${++this.joined}-n${node}`;
    const deadline = Date.now() + (opts.timeoutMs ?? 15_000);
    for (;;) {
      try {
        const client = await RoomClient.join(this.o.wsUrls[node]!, tokens.sign(uid, undefined, 600, [this.o.room]), this.o.room);
        client.keepAlive(1000);
        const m: Member = { uid, node, client, counted: opts.counted, sender: opts.sender ?? false };
        this.members.push(m);
        return m;
      } catch (err) {
        if (Date.now() > deadline)
          throw new Error(`sign-in of ${uid} on conn-${node} failed until the deadline: ${(err as Error).message}`);
        await sleep(200);
      }
    }
  }

  /** Starts both kinds of traffic; stop() ends them. */
  start(): void {
    let k = 0;
    this.timers.push(
      setInterval(() => {
        if (this.inFlight.size >= this.o.maxInFlight) return;
        const seq = ++k;
        const p = this.postOne(seq).finally(() => this.inFlight.delete(p));
        this.inFlight.add(p);
      }, this.o.importantEveryMs),
    );
    for (const m of this.members.filter((x) => x.sender)) {
      let seq = 0;
      this.timers.push(
        setInterval(() => {
          if (!m.client.open) return;
          m.client.say(this.o.room, `N|${m.uid}|${++seq}`, MsgLevel.NORMAL);
          this.normalSent.set(m.uid, seq);
        }, this.o.normalEveryMs),
      );
    }
  }

  /** Stops sending and waits for every post still in flight (each ends within postTimeoutMs). */
  async stop(): Promise<void> {
    for (const t of this.timers.splice(0)) clearInterval(t);
    await Promise.all([...this.inFlight]);
  }

  /**
   * What happens to the clients of a conn node that died or fell off the network: their connections are dropped
   * and they sign in again on the other node, as the SDK does, no longer counted.
   */
  async moveMembersOff(node: number): Promise<void> {
    // Whether or not their close arrived yet: a client of a killed node may already see its connection closed.
    const gone = this.members.filter((m) => m.node === node);
    for (const m of gone) {
      m.counted = false;
      m.client.terminate();
    }
    this.members.splice(0, this.members.length, ...this.members.filter((m) => !gone.includes(m)));
    await Promise.all(gone.map(() => this.join(1 - node, { counted: false })));
  }

  /** Members whose connection is open now. */
  openMembers(): Member[] {
    return this.members.filter((m) => m.client.open);
  }

  close(): void {
    for (const t of this.timers.splice(0)) clearInterval(t);
    for (const m of this.members) m.client.terminate();
  }

  private async postOne(seq: number): Promise<void> {
    this.posted.push(seq);
    const url = `${this.o.httpUrls[(seq - 1) % this.o.httpUrls.length]}/msg`;
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: this.pushToken },
        body: JSON.stringify({ room_id: this.o.room, msg: `I|${this.o.room}|${seq}` }),
        signal: AbortSignal.timeout(this.o.postTimeoutMs),
      });
      const body = (await res.json()) as { code?: number };
      if (res.status === 200 && body.code === 1) this.acked.add(seq);
      else this.countFailure(`HTTP ${res.status}`);
    } catch (err) {
      this.countFailure((err as Error).name === "TimeoutError" ? "timeout" : "connection error");
    }
  }

  private countFailure(what: string): void {
    this.postFailures.set(what, (this.postFailures.get(what) ?? 0) + 1);
  }
}
