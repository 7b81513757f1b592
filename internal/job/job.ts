// job: takes room messages off the queue and pushes them to the conn nodes that hold the room.
// NORMAL: per room partition, consumed by one job node at a time, batched per room, at most once.
// IMPORTANT: pushed at once to every conn node, finished only after each of them took it (§9 of the design).
import { queue as queueProto } from "@roomcast/api";
import { MsgLevel, packMessages } from "@roomcast/pkg/protocol";
import { partitionTopic, type Queue, type QueueMessage, type Subscription } from "@roomcast/pkg/queue";
import type { ConnLink, RoomBatch } from "@roomcast/pkg/link";
import type { Claims } from "@roomcast/pkg/discovery";
import { LogThrottle, type Logger } from "@roomcast/pkg/log";
import { Counter, Gauge, type Registry } from "@roomcast/pkg/metrics";
import { TurnBatcher } from "@roomcast/pkg/batch";
import { batchRequestLimits } from "@roomcast/pkg/rpc";
import { RoomWindow, type PendingRoom, type WindowLimits } from "./room_window";
import { PartitionOwner } from "./partitions";
import { ConnHealth } from "./conn_health";
import type { HistoryWriter } from "./history_writer";

/** Which job node consumes which room partitions. */
export interface Ownership {
  self: string;
  partitions: number;
  claims: Claims;
  /** The job nodes alive now. */
  jobs: () => readonly string[];
  intervalMs: number;
}

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
  ownership: Ownership;
  /**
   * An IMPORTANT message names the conn nodes logic knew to hold the room; one of them that this job's registry view
   * does not list (not registered yet, or the view lags) is retried until the message is this old, then counted as gone.
   */
  unknownTargetGraceMs: number;
  /** Room history (protocol 2): batches of rooms that keep it are stored before they are pushed. Absent: none kept. */
  history?: HistoryWriter;
}

interface RoomMsg {
  roomID: string;
  msgLv: number;
  data: Uint8Array;
  targets: string[];
  targetsKnown: boolean;
  ts: number | { toNumber(): number };
  id: string;
  type: string;
  broadcast: boolean;
  uid: string;
  packed: RoomMsg[];
}

/** A push request stays well under the gRPC message cap however large the batches. */
const pushLimits = batchRequestLimits(
  (b: RoomBatch) => b.packed.byteLength + b.roomID.length + 16 + stringsBytes(b.ids) + stringsBytes(b.types),
);

export class JobService {
  private subs: Subscription[] = [];
  private readonly window: RoomWindow;
  /**
   * By queue message id, for an IMPORTANT message that comes again: the conn nodes that already took it (skipped),
   * and the batch as history stored it (not stored again).
   */
  private readonly importantDone = new Map<string, { done: Set<string>; stored?: RoomBatch }>();
  private readonly inflightPushes = new Set<Promise<unknown>>();
  private readonly pushes: Counter<"conn" | "level" | "result">;
  private readonly messages: Counter<"level" | "result">;
  /** "requeued" repeats for every message while a conn node is down: once a second, with how many were left out. */
  private readonly requeueLog = new LogThrottle();
  private readonly dropped: Counter<"level" | "cause">;
  private readonly health: ConnHealth;
  readonly owner: PartitionOwner;

  constructor(private readonly deps: JobDeps) {
    this.window = new RoomWindow(deps.window, (p) => this.flush(p));
    this.health = new ConnHealth(deps.backoffMs, deps.maxBackoffMs);
    this.dropped = new Counter({
      name: "roomcast_job_dropped_messages_total",
      help: "messages job gave up on, by cause: poison (undecodable), push_failed (NORMAL, at most once), conn_gone (IMPORTANT for a conn node that left the registry)",
      labelNames: ["level", "cause"],
      registers: [deps.registry],
    });
    const o = deps.ownership;
    this.owner = new PartitionOwner({
      ...o,
      log: deps.log,
      consume: (p) =>
        // onNormal never throws: the only redelivery is of messages a consumer handed back when its partition moved,
        // and those must not be given up on.
        deps.queue.subscribe(partitionTopic(deps.topics.normal, o.partitions, p), deps.channel, (m) => this.onNormal(m), {
          maxInFlight: deps.maxInFlight,
          maxAttempts: 0,
        }),
      settle: () => this.settle(),
    });
    const owner = this.owner;
    new Gauge({
      name: "roomcast_job_partitions",
      help: "room partitions this job node consumes now",
      registers: [deps.registry],
      collect() {
        this.set(owner.owned().length);
      },
    });
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

  /** Takes IMPORTANT messages at once, and NORMAL ones of each room partition once this node holds its claim. */
  async start(): Promise<void> {
    const { queue, topics, channel, maxInFlight, backoffMs, maxBackoffMs } = this.deps;
    this.subs.push(
      await queue.subscribe(topics.important, channel, (m) => this.onImportant(m), {
        maxInFlight,
        backoffMs,
        maxBackoffMs,
        maxAttempts: 0,
      }),
    );
    this.owner.start();
  }

  /** Stops taking messages, gives the partitions up once what they took was pushed, and waits for every push. */
  async stop(): Promise<void> {
    await Promise.all(this.subs.map((s) => s.close()));
    this.subs = [];
    await this.owner.stop();
    await this.settle();
  }

  /** Flushes pending batches and waits for the pushes in flight. */
  private async settle(): Promise<void> {
    this.window.flushAll();
    this.normalPushes.flush();
    await Promise.allSettled([...this.inflightPushes]);
  }

  /** A message that cannot be decoded is finished and counted, not requeued: it would fail forever. */
  private decode(msg: QueueMessage, level: "normal" | "important"): RoomMsg | undefined {
    try {
      // Packed messages decode to RoomMsg instances too (defaults on the prototype), whatever the typings say.
      const m = queueProto.RoomMsg.decode(msg.body) as unknown as RoomMsg;
      // The broadcast room is the one without a name; a packed message holds its messages instead.
      if (!m.roomID && !m.broadcast && m.packed.length === 0) throw new Error("empty roomID");
      return m;
    } catch (err) {
      this.messages.inc({ level, result: "poison" });
      this.dropped.inc({ level, cause: "poison" });
      this.deps.log.error({ err, id: msg.id, level }, "dropping an undecodable queue message");
      return undefined;
    }
  }

  /** One message, or a turn's worth that logic packed into one queue message (in the order taken). */
  private async onNormal(msg: QueueMessage): Promise<void> {
    const m = this.decode(msg, "normal");
    if (!m) return;
    for (const one of m.packed.length > 0 ? m.packed : [m]) {
      if (!one.roomID && !one.broadcast) {
        this.messages.inc({ level: "normal", result: "poison" });
        this.dropped.inc({ level: "normal", cause: "poison" });
        continue;
      }
      this.messages.inc({ level: "normal", result: "ok" });
      this.window.add(one.roomID, MsgLevel.NORMAL, one.data, one.targetsKnown ? one.targets : null, one.type, one.id, one.uid);
    }
  }

  /**
   * Pushed to every conn node this job sees (logic's view of who holds the room may lag a sign-in) and to none twice
   * per job; finished once each took it. A node whose back-off runs fails at once, so it holds no slot; a node logic
   * listed that this job does not see is retried until the grace ends. Anything not pushed: the message comes again.
   */
  private async onImportant(msg: QueueMessage): Promise<void> {
    const m = this.decode(msg, "important");
    if (!m) return;
    // Every copy of a message carries logic's id; one from an older logic has none, and its queue id stands in.
    const ids = [m.id || msg.id];
    let batch: RoomBatch = { roomID: m.roomID, msgLv: MsgLevel.IMPORTANT, packed: packMessages([m.data]), count: 1, ids };
    if (m.type) batch.types = [m.type];
    // Stored first, whoever is online: members who are away (their conn node died) recover it. A redelivery to this
    // job (a conn node was down: every message comes back until the node leaves the registry) reuses what it stored;
    // one to another job stores again and keeps its offset.
    const history = this.deps.history;
    const before = this.importantDone.get(msg.id);
    if (before?.stored) batch = before.stored;
    else if (history?.keeps(m.roomID)) batch = await history.store(batch, [m.data], ids, [m.uid]);
    const done = before?.done ?? new Set<string>();
    const alive = this.deps.conns.nodeIds();
    const targets = alive.filter((id) => !done.has(id));
    const unseen = m.targetsKnown ? m.targets.filter((id) => !done.has(id) && !alive.includes(id)) : [];
    const results = await Promise.allSettled(targets.map((id) => this.pushImportant(id, batch)));
    const failed: string[] = [];
    results.forEach((r, i) => (r.status === "fulfilled" ? done.add(targets[i]!) : failed.push(targets[i]!)));
    if (unseen.length > 0) {
      if (Date.now() - millis(m.ts) < this.deps.unknownTargetGraceMs) failed.push(...unseen);
      else {
        this.dropped.inc({ level: "important", cause: "conn_gone" }, unseen.length);
        this.deps.log.warn({ roomID: m.roomID, conns: unseen }, "IMPORTANT message not delivered to conn nodes that left the registry");
      }
    }
    if (failed.length === 0) {
      this.importantDone.delete(msg.id);
      this.messages.inc({ level: "important", result: "ok" });
      return;
    }
    this.importantDone.set(msg.id, { done, ...(batch.epoch ? { stored: batch } : {}) });
    if (this.importantDone.size > 100_000) this.importantDone.delete(this.importantDone.keys().next().value!);
    this.messages.inc({ level: "important", result: "requeued" });
    this.requeueLog.maybe((skipped) =>
      this.deps.log.warn({ roomID: m.roomID, failed, attempts: msg.attempts, skipped }, "IMPORTANT push failed; requeued"),
    );
    throw new Error(`push to ${failed.join(",")} failed`);
  }

  /** The conn nodes to push to: the known holders of the room that are alive, or every live node when unknown. */
  private targets(known: Set<string> | null): string[] {
    const alive = this.deps.conns.nodeIds();
    return known ? alive.filter((id) => known.has(id)) : alive;
  }

  /** A room's NORMAL batch at the end of its window: stored when the room keeps history (members or not), then pushed. */
  private flush(p: PendingRoom): void {
    const batch: RoomBatch = { roomID: p.roomID, msgLv: p.msgLv, packed: packMessages(p.messages), count: p.messages.length };
    if (p.types) batch.types = p.types;
    const history = this.deps.history;
    if (!history?.keeps(p.roomID)) return void this.pushNormal(batch, p.targets);
    // Stores resolve in the order they were made, so a room's batches are still pushed in order.
    this.track(history.store(batch, p.messages, p.ids, p.uids).then((stored) => this.pushNormal(stored, p.targets)));
  }

  /**
   * NORMAL pushes hold no queue slot (their messages are finished on arrival), so they go to every target even while
   * its health says otherwise: a node that is only slow still gets its messages.
   */
  private pushNormal(batch: RoomBatch, known: Set<string> | null): Promise<unknown> {
    return this.track(Promise.all(this.targets(known).map((id) => this.normalPushes.add(id, batch))));
  }

  /** Remembers a push until it settles, so stop() waits for it. */
  private track<T>(p: Promise<T>): Promise<T> {
    this.inflightPushes.add(p);
    void p.finally(() => this.inflightPushes.delete(p));
    return p;
  }

  /** Pushes room batches to one conn node in one call, counted by level and result; rejects if the node did not take them. */
  private async push(conn: string, level: "normal" | "important", batches: RoomBatch[]): Promise<void> {
    try {
      await this.deps.conns.push(conn, batches);
      this.health.ok(conn);
      this.pushes.inc({ conn, level, result: "ok" }, batches.length);
    } catch (err) {
      this.health.failed(conn);
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
      this.dropped.inc({ level: "normal", cause: "push_failed" }, messages);
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

  private pushImportant(conn: string, batch: RoomBatch): Promise<void> {
    if (!this.health.allow(conn)) return Promise.reject(new Error(`conn node ${conn} failed a push lately`));
    return this.importantPushes.add(conn, batch);
  }
}

/** Bytes a list of short strings takes in a push request (about). */
function stringsBytes(list: readonly string[] | undefined): number {
  return list?.reduce((n, s) => n + s.length + 2, 0) ?? 0;
}

/** protobufjs hands int64 fields over as a Long or a number. */
function millis(ts: number | { toNumber(): number }): number {
  return typeof ts === "number" ? ts : ts.toNumber();
}
