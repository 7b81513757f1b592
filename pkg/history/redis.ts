// History on Redis (ioredis), for a cluster: a stream and a hash per room, written and read by the scripts in
// redis_scripts.ts. One append of many rooms is one pipeline (one round trip). While Redis is away every call fails
// at once with HistoryUnavailable (no offline queue), and the client reconnects on its own.
import { randomUUID } from "node:crypto";
import Redis from "ioredis";
import type { Appended, History, RoomAppend, Since, StoredMessage } from "./history";
import { HistoryUnavailable } from "./history";
import type { RetentionRules } from "./retention";
import { APPEND, LATEST, POSITION, REMOVE, SINCE, UNACKED } from "./redis_scripts";

export interface RedisHistoryOptions {
  /** redis://host:port/db */
  url: string;
  /** Key prefix, so several clusters (or tests) share one Redis. */
  prefix: string;
  rules: RetentionRules;
  now?: () => number;
  commandTimeoutMs?: number;
}

/** A stream entry as the scripts answer it with Buffer replies: [id, [field, value, …]]. */
type Entry = [Buffer, Buffer[]];

interface Scripted extends Redis {
  rcAppend(s: string, m: string, ids: string, ...args: Array<string | number | Uint8Array>): Promise<[string, number]>;
  rcSinceBuffer(s: string, m: string, ...args: Array<string | number>): Promise<[Buffer, Buffer, number, Entry[]?]>;
  rcLatestBuffer(s: string, m: string, ...args: Array<string | number>): Promise<[Buffer, number, Entry[]]>;
  rcRemoveBuffer(s: string, id: string, sender: string, bySender: number): Promise<Entry | Buffer | null>;
  rcPosition(s: string, m: string, epoch: string, maxAgeMs: number): Promise<[string, number]>;
  rcUnackedBuffer(s: string, m: string, a: string, ...args: number[]): Promise<Entry[]>;
}

function decode([id, f]: Entry): StoredMessage {
  const fields = new Map<string, Buffer>();
  for (let i = 0; i < f.length; i += 2) fields.set(f[i]!.toString(), f[i + 1]!);
  const str = (k: string) => fields.get(k)?.toString() ?? "";
  const data = fields.get("d") ?? Buffer.alloc(0);
  return {
    offset: Number(id.toString().split("-")[0]),
    id: str("i"),
    type: str("t"),
    level: Number(str("l")),
    uid: str("u"),
    ts: Number(str("ts")),
    data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  };
}

export class RedisHistory implements History {
  private readonly redis: Scripted;
  private readonly now: () => number;

  constructor(private readonly o: RedisHistoryOptions) {
    this.now = o.now ?? Date.now;
    const redis = new Redis(o.url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      retryStrategy: (times) => Math.min(100 * times, 2_000),
      // After a refused connection the socket is already closed, and ioredis would hold the process this long anyway.
      disconnectTimeout: 200,
      // A Redis that stopped answering (a partition) fails calls after this long, so live delivery is held up no more.
      commandTimeout: o.commandTimeoutMs ?? 1_000,
    });
    // ioredis emits "error" on every failed reconnect; the calls that fail meanwhile say so themselves.
    redis.on("error", () => undefined);
    redis.defineCommand("rcAppend", { numberOfKeys: 3, lua: APPEND });
    redis.defineCommand("rcSince", { numberOfKeys: 2, lua: SINCE });
    redis.defineCommand("rcLatest", { numberOfKeys: 2, lua: LATEST });
    redis.defineCommand("rcRemove", { numberOfKeys: 1, lua: REMOVE });
    redis.defineCommand("rcPosition", { numberOfKeys: 2, lua: POSITION });
    redis.defineCommand("rcUnacked", { numberOfKeys: 3, lua: UNACKED });
    this.redis = redis as Scripted;
  }

  /** Resolves once connected (or rejects with HistoryUnavailable after `timeoutMs`). */
  async ready(timeoutMs = 5_000): Promise<void> {
    if (this.redis.status === "ready") return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new HistoryUnavailable(`redis ${this.o.url} not ready within ${timeoutMs} ms`)), timeoutMs);
      this.redis.once("ready", () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  keeps(room: string): boolean {
    return this.o.rules.of(room).maxMessages > 0;
  }

  async append(batch: readonly RoomAppend[]): Promise<Appended[]> {
    const kept = batch.filter((b) => this.o.rules.of(b.room).maxMessages > 0 && b.messages.length > 0);
    if (kept.length === 0) return batch.map(({ room }) => ({ room, epoch: "", first: 0 }));
    const now = this.now();
    const p = this.redis.pipeline() as unknown as Scripted & { exec(): Promise<Array<[Error | null, unknown]> | null> };
    for (const { room, messages } of kept) {
      const { maxMessages, maxAgeSec } = this.o.rules.of(room);
      const args: Array<string | number | Uint8Array> = [randomUUID().slice(0, 8), now, maxMessages, maxAgeSec * 1000, messages.length];
      // A Buffer, not a Uint8Array: ioredis sends any other object as its toString().
      for (const m of messages) args.push(m.id, m.type, m.level, m.uid, Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength));
      void p.rcAppend(...this.keys(room), `${this.o.prefix}{${room}}:i`, ...args);
    }
    const results = await this.run(() => p.exec());
    // A room may come more than once (IMPORTANT messages are appended one by one): answers go by entry, not room.
    const answers = new Map<RoomAppend, Appended>();
    kept.forEach((b, i) => {
      const [err, res] = results?.[i] ?? [new Error("no reply"), undefined];
      if (err) throw new HistoryUnavailable(`history append to "${b.room}" failed: ${err.message}`, { cause: err });
      const [epoch, first] = res as [string, number];
      answers.set(b, { room: b.room, epoch, first: Number(first) });
    });
    return batch.map((b) => answers.get(b) ?? { room: b.room, epoch: "", first: 0 });
  }

  async since(room: string, epoch: string, offset: number, limit: number): Promise<Since> {
    const { maxMessages, maxAgeSec } = this.o.rules.of(room);
    const [verdict, cur, last, entries] = await this.run(() =>
      this.redis.rcSinceBuffer(...this.keys(room), epoch, offset, limit, this.now(), maxMessages, maxAgeSec * 1000),
    );
    const v = verdict.toString();
    const position = { epoch: cur.toString(), offset: Number(last) };
    if (v !== "ok") return { ok: false, reason: v as "epoch" | "trimmed" | "future", ...position };
    const messages = (entries ?? []).map(decode);
    return { ok: true, ...position, messages: messages.slice(0, limit), more: messages.length > limit };
  }

  async position(room: string) {
    const { maxMessages, maxAgeSec } = this.o.rules.of(room);
    if (maxMessages === 0) return { epoch: "", offset: 0 };
    const [epoch, last] = await this.run(() => this.redis.rcPosition(...this.keys(room), randomUUID().slice(0, 8), maxAgeSec * 1000));
    return { epoch, offset: Number(last) };
  }

  async latest(room: string, limit: number) {
    const { maxMessages, maxAgeSec } = this.o.rules.of(room);
    const [epoch, last, entries] = await this.run(() =>
      this.redis.rcLatestBuffer(...this.keys(room), limit, this.now(), maxMessages, maxAgeSec * 1000),
    );
    return { epoch: epoch.toString(), offset: Number(last), messages: entries.map(decode).reverse() };
  }

  async remove(room: string, id: string, sender?: string): Promise<StoredMessage | "missing" | "not-yours"> {
    const e = await this.run(() => this.redis.rcRemoveBuffer(this.keys(room)[0], id, sender ?? "", sender === undefined ? 0 : 1));
    if (!e) return "missing";
    return Buffer.isBuffer(e) ? "not-yours" : decode(e);
  }

  async ack(room: string, uid: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const key = this.ackedKey(room, uid);
    const ttl = this.o.rules.of(room).maxAgeSec * 1000;
    await this.run(() =>
      this.redis
        .multi()
        .sadd(key, ...ids)
        .pexpire(key, ttl)
        .exec(),
    );
  }

  async unacked(room: string, uid: string, limit: number): Promise<StoredMessage[]> {
    const { maxMessages, maxAgeSec } = this.o.rules.of(room);
    if (maxMessages === 0) return [];
    const entries = await this.run(() =>
      this.redis.rcUnackedBuffer(...this.keys(room), this.ackedKey(room, uid), limit, this.now(), maxMessages, maxAgeSec * 1000),
    );
    return entries.map(decode);
  }

  /** The ids `uid` acknowledged in the room (a set under the room's hash tag). */
  private ackedKey(room: string, uid: string): string {
    return `${this.o.prefix}{${room}}:a:${uid}`;
  }

  /**
   * Closes the connection: QUIT, answered within a second (a busy or stopped Redis must not hold a node's shutdown),
   * else dropped; without a connection, stops reconnecting.
   */
  async close(): Promise<void> {
    if (this.redis.status === "ready") {
      const quit = this.redis.quit().catch(() => undefined);
      const timer = new Promise((resolve) => setTimeout(resolve, 1_000).unref());
      await Promise.race([quit, timer]);
    }
    this.redis.disconnect();
  }

  /** The room's stream and hash keys, under one hash tag (one Redis Cluster slot). */
  private keys(room: string): [string, string] {
    return [`${this.o.prefix}{${room}}:s`, `${this.o.prefix}{${room}}:m`];
  }

  /** Any failure to reach Redis becomes HistoryUnavailable. */
  private async run<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      if (err instanceof HistoryUnavailable) throw err;
      throw new HistoryUnavailable(`history unavailable: ${(err as Error).message}`, { cause: err });
    }
  }
}
