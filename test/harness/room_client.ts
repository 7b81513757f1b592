// A raw protocol client for the integration tests: sends any frame (garbage included) and records every reply.
// Applications use the SDK in pkg/client instead.
import WebSocket from "ws";
import {
  MsgLevel,
  PackageType,
  decodeDelivery,
  decodeErr,
  decodePresence,
  decodeReply,
  encodeBroadcast,
  encodeRefresh,
  encodeReq,
  encodeRoom,
  encodeSignIn,
  encodeAck,
  encodeHistoryQuery,
  encodeRecall,
  encodeSubscription,
  decodeHistoryPage,
  toBase64,
  unpackMessages,
  type HistoryPage,
  type HistoryQuery,
  type Position,
  type Recovery,
} from "@roomcast/pkg/protocol";

/** The codec a client speaks (protocol 2): protobuf in binary frames, or JSON in text frames (roomcast.json). */
export type Codec = "proto" | "json";

const typeName = new Map<number, string>(Object.entries(PackageType).map(([k, v]) => [v as number, k]));
const typeNumber = new Map<string, number>(Object.entries(PackageType).map(([k, v]) => [k, v as number]));

export interface Received {
  roomID: string;
  msgLv: MsgLevel;
  data: Uint8Array;
  text: string;
  /** Messages in the frame this one arrived in. */
  batchSize: number;
  /** protocol 2: the type its sender gave it ("" = none). */
  type: string;
  /** protocol 2: its id (IMPORTANT messages, rooms with history) and, in a room with history, epoch and offset. */
  id: string;
  epoch: string;
  offset: number;
  /** protocol 2: an acked room's message, to be acknowledged (ACK). */
  ack: boolean;
}

export interface ErrReply {
  code: number;
  msg: string;
  /** protocol 2: on the answer to a SIGN_IN or SUBSCRIBE that asked to recover. */
  recovery?: Recovery;
  /** protocol 2: on the answer to a MESSAGE that carried a request id. */
  messageID?: string;
}

/** A message as the tests compare them. */
type Incoming = { data: Uint8Array; type: string; id: string; offset: number };

type Waiter<T> = { resolve: (v: T) => void; reject: (e: Error) => void; timer: NodeJS.Timeout };

/** Waits for replies of one type, in order. */
class ReplyQueue<T> {
  private readonly items: T[] = [];
  private readonly waiters: Waiter<T>[] = [];
  push(v: T) {
    const w = this.waiters.shift();
    if (w) {
      clearTimeout(w.timer);
      w.resolve(v);
    } else this.items.push(v);
  }
  next(timeoutMs: number, what: string): Promise<T> {
    if (this.items.length) return Promise.resolve(this.items.shift()!);
    return new Promise((resolve, reject) => {
      const w: Waiter<T> = {
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          reject(new Error(`no ${what} within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      this.waiters.push(w);
    });
  }
  fail(err: Error) {
    for (const w of this.waiters.splice(0)) {
      clearTimeout(w.timer);
      w.reject(err);
    }
  }
  pending(): number {
    return this.items.length;
  }
}

export class RoomClient {
  readonly received: Received[] = [];
  readonly frames: number[] = [];
  /** Every reply's type and Reply.id (protocol 2), in order of arrival. */
  readonly replyIds: Array<{ type: PackageType; id: number }> = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private readonly errs = new ReplyQueue<ErrReply>();
  private readonly pongs = new ReplyQueue<string>();
  private readonly counts = new ReplyQueue<string>();
  private readonly refreshes = new ReplyQueue<ErrReply>();
  private readonly subscribes = new ReplyQueue<ErrReply>();
  private readonly unsubscribes = new ReplyQueue<ErrReply>();
  private readonly presences = new ReplyQueue<{ uids: string[]; total: number }>();
  private readonly histories = new ReplyQueue<HistoryPage>();
  private readonly recalls = new ReplyQueue<ErrReply>();
  /** protocol 2: this connection's id, from the answer to its sign-in. */
  connID = "";
  /** Text frames that were not JSON replies (a protobuf client gets none). */
  readonly strayText: string[] = [];
  private readonly messageWaiters = new Set<() => void>();
  private isClosed = false;
  private autoPongs = 0;
  private keepAliveTimer?: NodeJS.Timeout;

  private constructor(
    private readonly ws: WebSocket,
    readonly codec: Codec,
  ) {
    ws.binaryType = "nodebuffer";
    ws.on("message", (data: Buffer, isBinary: boolean) => this.onFrame(data, isBinary));
    this.closed = new Promise((resolve) =>
      ws.on("close", (code, reason) => {
        this.isClosed = true;
        clearInterval(this.keepAliveTimer);
        const err = new Error(`connection closed (${code} ${reason.toString()})`);
        this.errs.fail(err);
        this.pongs.fail(err);
        this.counts.fail(err);
        this.refreshes.fail(err);
        this.subscribes.fail(err);
        this.unsubscribes.fail(err);
        this.presences.fail(err);
        this.histories.fail(err);
        this.recalls.fail(err);
        for (const w of this.messageWaiters) w();
        resolve({ code, reason: reason.toString() });
      }),
    );
    ws.on("error", () => {});
  }

  /** `localAddress` picks the source address (127.0.0.x), for the per-IP limits; `ca` is the CA a wss:// server's certificate must chain to. */
  /** `codec` "json" offers the subprotocol roomcast.json; the server must accept it. */
  static connect(url: string, timeoutMs = 5_000, localAddress?: string, ca?: Buffer, codec: Codec = "proto"): Promise<RoomClient> {
    return new Promise((resolve, reject) => {
      const protocols = codec === "json" ? ["roomcast.json"] : [];
      const ws = new WebSocket(url, protocols, { handshakeTimeout: timeoutMs, maxPayload: 64 << 20, localAddress, ...(ca ? { ca } : {}) });
      ws.once("open", () => {
        if (codec === "json" && ws.protocol !== "roomcast.json") reject(new Error(`server chose subprotocol "${ws.protocol}"`));
        else resolve(new RoomClient(ws, codec));
      });
      ws.once("error", reject);
    });
  }

  /** Connects and signs in; rejects if the server refuses. */
  static async join(
    url: string,
    token: string,
    roomID: string,
    localAddress?: string,
    ca?: Buffer,
    codec: Codec = "proto",
  ): Promise<RoomClient> {
    const c = await RoomClient.connect(url, 5_000, localAddress, ca, codec);
    const r = await c.signIn(token, roomID);
    if (r.code !== 0) {
      c.close();
      throw new Error(`sign-in refused: ${r.code} ${r.msg}`);
    }
    return c;
  }

  get open(): boolean {
    return !this.isClosed;
  }

  /** `recover` (protocol 2): recover the sign-in room from this position. */
  signIn(token: string, roomID: string, timeoutMs = 5_000, id = 0, recover?: Position): Promise<ErrReply> {
    const body = recover ? { token, roomID, recover } : { token, roomID };
    this.request(PackageType.SIGN_IN, encodeSignIn(body), body, id);
    return this.nextErr(timeoutMs);
  }

  /** protocol 2: Req{SUBSCRIBE, Room}; resolves with the Err of its Reply{SUBSCRIBE}. `recover`: from this position. */
  subscribe(roomID: string, id = 0, timeoutMs = 5_000, recover?: Position): Promise<ErrReply> {
    const body = recover ? { roomID, recover } : { roomID };
    this.request(PackageType.SUBSCRIBE, recover ? encodeSubscription(body) : encodeRoom(roomID), body, id);
    return this.subscribes.next(timeoutMs, "SUBSCRIBE answer");
  }

  /** protocol 2: Req{HISTORY}; resolves with the page (an Err comes as nextErr). */
  history(q: HistoryQuery, id = 0, timeoutMs = 5_000): Promise<HistoryPage> {
    this.request(PackageType.HISTORY, encodeHistoryQuery(q), q, id);
    return this.histories.next(timeoutMs, "HISTORY answer");
  }

  /** protocol 2: Req{RECALL}; resolves with the Err of its Reply{RECALL}. */
  recall(roomID: string, messageID: string, id = 0, timeoutMs = 5_000): Promise<ErrReply> {
    this.request(PackageType.RECALL, encodeRecall({ roomID, id: messageID }), { roomID, id: messageID }, id);
    return this.recalls.next(timeoutMs, "RECALL answer");
  }

  /** protocol 2: Req{ACK} for these message ids (no answer unless `id`). */
  ack(ids: string[], id = 0): void {
    this.request(PackageType.ACK, encodeAck(ids), { ids }, id);
  }

  /** Where this client stands in `room`: the epoch and offset of the newest message it received there. */
  position(room: string): Position {
    const last = this.received.filter((r) => r.roomID === room && r.epoch).at(-1);
    return last ? { epoch: last.epoch, offset: last.offset } : { epoch: "", offset: 0 };
  }

  /** protocol 2: Req{UNSUBSCRIBE, Room}; resolves with the Err of its Reply{UNSUBSCRIBE}. */
  unsubscribe(roomID: string, id = 0, timeoutMs = 5_000): Promise<ErrReply> {
    this.request(PackageType.UNSUBSCRIBE, encodeRoom(roomID), { roomID }, id);
    return this.unsubscribes.next(timeoutMs, "UNSUBSCRIBE answer");
  }

  /** protocol 2: Req{PRESENCE, Room}; resolves with Reply{PRESENCE}'s uids and total (an Err comes as nextErr). */
  presence(roomID: string, id = 0, timeoutMs = 5_000): Promise<{ uids: string[]; total: number }> {
    this.request(PackageType.PRESENCE, encodeRoom(roomID), { roomID }, id);
    return this.presences.next(timeoutMs, "PRESENCE answer");
  }

  /** A request in this client's codec: `proto` is Req.data's bytes, `json` the object JSON nests instead. */
  request(type: PackageType, proto: Uint8Array, json: unknown, id = 0): void {
    if (this.codec === "proto") return this.sendRaw(encodeReq({ type, data: proto, ...(id ? { id } : {}) }));
    this.sendRaw(JSON.stringify({ type: typeName.get(type), ...(id ? { id } : {}), ...(json === undefined ? {} : { data: json }) }));
  }

  /** Sends a heartbeat every intervalMs in the background (their pongs are not queued). */
  keepAlive(intervalMs: number): this {
    clearInterval(this.keepAliveTimer);
    this.keepAliveTimer = setInterval(() => {
      if (this.isClosed) return clearInterval(this.keepAliveTimer);
      this.autoPongs++;
      this.request(PackageType.HEARTBEAT, new Uint8Array(0), undefined);
    }, intervalMs);
    this.keepAliveTimer.unref();
    return this;
  }

  /** Sends Req{REFRESH, Refresh{token}}; resolves with the Err of its Reply{REFRESH}. */
  refresh(token: string, timeoutMs = 5_000): Promise<ErrReply> {
    this.request(PackageType.REFRESH, encodeRefresh(token), { token });
    return this.refreshes.next(timeoutMs, "REFRESH answer");
  }

  heartbeat(timeoutMs = 5_000): Promise<string> {
    this.request(PackageType.HEARTBEAT, new Uint8Array(0), undefined);
    return this.pongs.next(timeoutMs, "pong");
  }

  /** MEMBERS of the sign-in room, or (protocol 2) of `roomID`. */
  async members(timeoutMs = 5_000, roomID?: string): Promise<number> {
    this.request(PackageType.MEMBERS, roomID ? encodeRoom(roomID) : new Uint8Array(0), roomID ? { roomID } : undefined);
    return Number(await this.counts.next(timeoutMs, "MEMBERS reply"));
  }

  /** Sends a MESSAGE; nothing comes back on success (the message arrives like any other). */
  say(roomID: string, data: string | Uint8Array, msgLv: MsgLevel = MsgLevel.NORMAL, type = "", id = 0): void {
    const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
    const json: Record<string, unknown> = { roomID, ...(typeof data === "string" ? { text: data } : { data: toBase64(bytes) }) };
    if (msgLv !== MsgLevel.NORMAL) json.msgLv = msgLv === MsgLevel.IMPORTANT ? "IMPORTANT" : msgLv;
    if (type) json.type = type;
    this.request(PackageType.MESSAGE, encodeBroadcast({ roomID, msgLv, data: bytes, ...(type ? { type } : {}) }), json, id);
  }

  sendFrame(type: number, data: Uint8Array): void {
    this.sendRaw(encodeReq({ type: type as PackageType, data }));
  }

  /** Sends bytes (binary frame) or a string (text frame) as they are. */
  /** A Req carrying a request id (protocol 2): its answers carry it back. */
  sendWithId(type: PackageType, data: Uint8Array, id: number): void {
    this.sendRaw(encodeReq({ type, data, id }));
  }

  sendRaw(data: Uint8Array | string): void {
    this.ws.send(data, { binary: typeof data !== "string" });
  }

  /** The next Reply{UNKNOWN, Err}. */
  nextErr(timeoutMs = 5_000): Promise<ErrReply> {
    return this.errs.next(timeoutMs, "Err reply");
  }

  pendingErrs(): number {
    return this.errs.pending();
  }

  /** Resolves once `count` messages arrived in total (or the predicate holds); rejects on timeout. */
  waitForMessages(count: number | ((r: Received[]) => boolean), timeoutMs = 10_000): Promise<Received[]> {
    const done = typeof count === "number" ? (r: Received[]) => r.length >= count : count;
    if (done(this.received)) return Promise.resolve(this.received);
    return new Promise((resolve, reject) => {
      const check = () => {
        if (done(this.received)) {
          cleanup();
          resolve(this.received);
        } else if (this.isClosed) {
          cleanup();
          reject(new Error(`closed after ${this.received.length} messages`));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(
            `only ${this.received.length} messages within ${timeoutMs} ms: ${this.received
              .slice(-5)
              .map((r) => r.text)
              .join(" | ")}`,
          ),
        );
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.messageWaiters.delete(check);
      };
      this.messageWaiters.add(check);
    });
  }

  close(code = 1000): void {
    clearInterval(this.keepAliveTimer);
    if (!this.isClosed) this.ws.close(code);
  }

  terminate(): void {
    clearInterval(this.keepAliveTimer);
    this.ws.terminate();
  }

  /** Sends MESSAGE frames back to back in one TCP write, so the server reads them in one go. */
  sayAll(roomID: string, messages: Array<string | Uint8Array>): void {
    const socket = this.tcp();
    socket.cork();
    for (const m of messages) this.say(roomID, m);
    socket.uncork();
  }

  /** Stops reading the socket (a client that stalls): the server's bytes pile up in the kernel, then in its send buffer. */
  pauseReading(): void {
    this.tcp().pause();
  }

  resumeReading(): void {
    this.tcp().resume();
  }

  private tcp(): import("node:net").Socket {
    return (this.ws as unknown as { _socket: import("node:net").Socket })._socket;
  }

  private onFrame(data: Buffer, isBinary: boolean): void {
    if (!isBinary) return this.onText(data.toString());
    if (this.codec === "json") throw new Error("a JSON connection got a binary frame");
    const reply = decodeReply(data);
    this.replyIds.push({ type: reply.type, id: reply.id ?? 0 });
    switch (reply.type) {
      case PackageType.HEARTBEAT:
      case PackageType.MEMBERS:
        return this.onAnswer(reply.type, Buffer.from(reply.data).toString());
      case PackageType.PRESENCE:
        return this.presences.push(decodePresence(reply.data));
      case PackageType.HISTORY:
        return this.histories.push(decodeHistoryPage(reply.data));
      case PackageType.MESSAGE: {
        const b = decodeDelivery(reply.data);
        const msgs = unpackMessages(b.data);
        return this.onDelivery(
          b.roomID,
          b.msgLv,
          b.epoch,
          b.ack,
          msgs.map((m, i) => ({ data: m, type: b.types[i] ?? "", id: b.ids[i] ?? "", offset: b.epoch ? b.offset + i : 0 })),
        );
      }
      default:
        return this.onAnswer(reply.type, decodeErr(reply.data));
    }
  }

  /** A JSON Reply (roomcast.json): the same answers, with Err and deliveries as objects. */
  private onText(text: string): void {
    let r: { type: string; id?: number; data?: unknown };
    try {
      r = JSON.parse(text);
    } catch {
      this.strayText.push(text);
      return;
    }
    const type = (typeNumber.get(r.type) ?? -1) as PackageType;
    this.replyIds.push({ type, id: r.id ?? 0 });
    if (type === PackageType.MESSAGE) {
      type M = { text?: string; data?: string; type?: string; id?: string; offset?: number };
      const d = r.data as { roomID?: string; msgLv?: string; epoch?: string; ack?: boolean; messages: M[] };
      return this.onDelivery(
        d.roomID ?? "",
        d.msgLv === "IMPORTANT" ? MsgLevel.IMPORTANT : MsgLevel.NORMAL,
        d.epoch ?? "",
        d.ack === true,
        d.messages.map((m) => ({ data: bytesOfJson(m), type: m.type ?? "", id: m.id ?? "", offset: m.offset ?? 0 })),
      );
    }
    if (type === PackageType.HISTORY) {
      type M = { text?: string; data?: string; type?: string; id: string; offset: number; msgLv?: string; ts: number; uid?: string };
      const p = r.data as Omit<HistoryPage, "messages" | "reason"> & { reason?: string; messages: M[] };
      const messages = p.messages.map((m) => ({
        offset: m.offset,
        id: m.id,
        type: m.type ?? "",
        msgLv: m.msgLv === "IMPORTANT" ? MsgLevel.IMPORTANT : MsgLevel.NORMAL,
        data: bytesOfJson(m),
        ts: m.ts,
        uid: m.uid ?? "",
      }));
      return this.histories.push({ ...p, reason: (p.reason ?? "") as HistoryPage["reason"], messages });
    }
    if (type === PackageType.HEARTBEAT || type === PackageType.MEMBERS) return this.onAnswer(type, String(r.data));
    if (type === PackageType.PRESENCE) return this.presences.push(r.data as { uids: string[]; total: number });
    this.onAnswer(type, r.data as ErrReply & { connID?: string });
  }

  private onAnswer(type: PackageType, v: string | (ErrReply & { connID?: string })): void {
    switch (type) {
      case PackageType.HEARTBEAT:
        if (this.autoPongs > 0) this.autoPongs--;
        else this.pongs.push(v as string);
        return;
      case PackageType.MEMBERS:
        return this.counts.push(v as string);
    }
    const { code, msg, connID, recovery, messageID } = v as ErrReply & { connID?: string };
    // A seed-001 client reads {code, msg}; the connection id (protocol 2) is kept aside.
    if (connID) this.connID = connID;
    const err: ErrReply = { code, msg, ...(recovery ? { recovery } : {}), ...(messageID ? { messageID } : {}) };
    if (type === PackageType.REFRESH) this.refreshes.push(err);
    else if (type === PackageType.SUBSCRIBE) this.subscribes.push(err);
    else if (type === PackageType.UNSUBSCRIBE) this.unsubscribes.push(err);
    else if (type === PackageType.RECALL) this.recalls.push(err);
    else this.errs.push(err);
  }

  private onDelivery(roomID: string, msgLv: MsgLevel, epoch: string, ack: boolean, msgs: Incoming[]): void {
    this.frames.push(msgs.length);
    for (const m of msgs)
      this.received.push({
        roomID,
        msgLv,
        data: m.data,
        text: Buffer.from(m.data).toString(),
        batchSize: msgs.length,
        type: m.type,
        id: m.id,
        epoch,
        offset: m.offset,
        ack,
      });
    for (const w of [...this.messageWaiters]) w();
  }
}

/** A JSON message's bytes: its text, or its base64 data. */
function bytesOfJson(m: { text?: string; data?: string }): Uint8Array {
  return m.text !== undefined ? new Uint8Array(Buffer.from(m.text)) : new Uint8Array(Buffer.from(m.data ?? "", "base64"));
}
