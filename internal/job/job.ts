// job: takes room messages off the queue and pushes them to the conn nodes that hold the room.
// NORMAL: batched per room, at most once. IMPORTANT: pushed at once, finished only after every target conn took it.
import { queue as queueProto } from "@roomcast/api";
import { MsgLevel, packMessages } from "@roomcast/pkg/protocol";
import type { Queue, QueueMessage, Subscription } from "@roomcast/pkg/queue";
import type { ConnLink, RoomBatch } from "@roomcast/pkg/link";
import type { Logger } from "@roomcast/pkg/log";
import { Counter, type Registry } from "@roomcast/pkg/metrics";
import { TurnBatcher } from "@roomcast/pkg/batch";
import { batchRequestLimits } from "@roomcast/pkg/rpc";
import { RoomWindow, type PendingRoom, type WindowLimits } from "./room_window";

export interface JobDeps {
  queue: Queue;
  conns: ConnLink;
  log: Logger;
  registry: Registry;
  topics: { normal: string; important: string };
  channel: string;
  maxInFlight: number;
  backoffMs: number;
  maxBackoffMs: number;
  window: WindowLimits;
}

interface RoomMsg {
  roomID: string;
  msgLv: number;
  data: Uint8Array;
  targets: string[];
  targetsKnown: boolean;
}

/** A push request stays well under the gRPC message cap however large the batches. */
const pushLimits = batchRequestLimits((b: RoomBatch) => b.packed.byteLength + b.roomID.length + 16);

export class JobService {
  private subs: Subscription[] = [];
  private readonly window: RoomWindow;
  /** conn nodes that already took an IMPORTANT message, by queue message id, so a redelivery skips them. */
  private readonly importantDone = new Map<string, Set<string>>();
  private readonly inflightPushes = new Set<Promise<void>>();
  private readonly pushes: Counter<"conn" | "level" | "result">;
  private readonly messages: Counter<"level" | "result">;

  constructor(private readonly deps: JobDeps) {
    this.window = new RoomWindow(deps.window, (p) => this.flush(p));
    this.pushes = new Counter({
      name: "roomcast_job_pushes_total",
      help: "batches pushed to conn nodes",
      labelNames: ["conn", "level", "result"],
      registers: [deps.registry],
    });
    this.messages = new Counter({
      name: "roomcast_job_messages_total",
      help: "queue messages handled",
      labelNames: ["level", "result"],
      registers: [deps.registry],
    });
  }

  async start(): Promise<void> {
    const { queue, topics, channel, maxInFlight, backoffMs, maxBackoffMs } = this.deps;
    this.subs.push(await queue.subscribe(topics.normal, channel, (m) => this.onNormal(m), { maxInFlight, maxAttempts: 1 }));
    this.subs.push(
      await queue.subscribe(topics.important, channel, (m) => this.onImportant(m), {
        maxInFlight,
        backoffMs,
        maxBackoffMs,
        maxAttempts: 0,
      }),
    );
  }

  /** Stops taking messages, flushes pending batches and waits for their pushes. */
  async stop(): Promise<void> {
    await Promise.all(this.subs.map((s) => s.close()));
    this.subs = [];
    this.window.flushAll();
    this.normalPushes.flush();
    await Promise.allSettled([...this.inflightPushes]);
  }

  /** A message that cannot be decoded is finished and counted, not requeued: it would fail forever. */
  private decode(msg: QueueMessage, level: "normal" | "important"): RoomMsg | undefined {
    try {
      const m = queueProto.RoomMsg.decode(msg.body);
      if (!m.roomID) throw new Error("empty roomID");
      return m;
    } catch (err) {
      this.messages.inc({ level, result: "poison" });
      this.deps.log.error({ err, id: msg.id, level }, "dropping an undecodable queue message");
      return undefined;
    }
  }

  private async onNormal(msg: QueueMessage): Promise<void> {
    const m = this.decode(msg, "normal");
    if (!m) return;
    this.messages.inc({ level: "normal", result: "ok" });
    this.window.add(m.roomID, MsgLevel.NORMAL, m.data, m.targetsKnown ? m.targets : null);
  }

  private async onImportant(msg: QueueMessage): Promise<void> {
    const m = this.decode(msg, "important");
    if (!m) return;
    const done = this.importantDone.get(msg.id) ?? new Set<string>();
    const targets = this.targets(m.targetsKnown ? new Set(m.targets) : null).filter((id) => !done.has(id));
    const packed = packMessages([m.data]);
    const results = await Promise.allSettled(targets.map((id) => this.pushImportant(id, m.roomID, packed)));
    const failed: string[] = [];
    results.forEach((r, i) => (r.status === "fulfilled" ? done.add(targets[i]!) : failed.push(targets[i]!)));
    if (failed.length === 0) {
      this.importantDone.delete(msg.id);
      this.messages.inc({ level: "important", result: "ok" });
      return;
    }
    this.importantDone.set(msg.id, done);
    if (this.importantDone.size > 100_000) this.importantDone.delete(this.importantDone.keys().next().value!);
    this.messages.inc({ level: "important", result: "requeued" });
    this.deps.log.warn({ roomID: m.roomID, failed, attempts: msg.attempts }, "IMPORTANT push failed; requeued");
    throw new Error(`push to ${failed.join(",")} failed`);
  }

  /** The conn nodes to push to: the known holders of the room that are alive, or every live node when unknown. */
  private targets(known: Set<string> | null): string[] {
    const alive = this.deps.conns.nodeIds();
    return known ? alive.filter((id) => known.has(id)) : alive;
  }

  private flush(p: PendingRoom): void {
    const targets = this.targets(p.targets);
    if (targets.length === 0) return;
    const batch: RoomBatch = { roomID: p.roomID, msgLv: p.msgLv, packed: packMessages(p.messages), count: p.messages.length };
    for (const id of targets) {
      const pushed = this.normalPushes.add(id, batch);
      this.inflightPushes.add(pushed);
      void pushed.finally(() => this.inflightPushes.delete(pushed));
    }
  }

  /** Pushes room batches to one conn node in one call, counted by level and result; rejects if the node did not take them. */
  private async push(conn: string, level: "normal" | "important", batches: RoomBatch[]): Promise<void> {
    try {
      await this.deps.conns.push(conn, batches);
      this.pushes.inc({ conn, level, result: "ok" }, batches.length);
    } catch (err) {
      this.pushes.inc({ conn, level, result: "failed" }, batches.length);
      throw err;
    }
  }

  /**
   * One call carries every NORMAL batch due for a conn node in this turn (the batch window ends for all rooms at
   * once); a failed call drops them (at most once), so these promises never reject.
   */
  private readonly normalPushes = new TurnBatcher<string, RoomBatch, void>(async (conn, batches) => {
    try {
      await this.push(conn, "normal", batches);
    } catch (err) {
      const messages = batches.reduce((n, b) => n + b.count, 0);
      this.deps.log.warn({ err, conn, rooms: batches.length, messages }, "NORMAL batches push failed; dropped");
    }
    return batches.map(() => undefined);
  }, pushLimits);

  /**
   * IMPORTANT messages are not held back by a window, but the ones handled in the same turn for one conn node
   * share a push request; each message is finished only when its own request was acknowledged.
   */
  private readonly importantPushes = new TurnBatcher<string, RoomBatch, void>(async (conn, batches) => {
    await this.push(conn, "important", batches);
    return batches.map(() => undefined);
  }, pushLimits);

  private pushImportant(conn: string, roomID: string, packed: Uint8Array): Promise<void> {
    return this.importantPushes.add(conn, { roomID, msgLv: MsgLevel.IMPORTANT, packed, count: 1 });
  }
}
