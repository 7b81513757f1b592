// A conn node: the WebSocket server, its rooms, online reporting, and the delivery of the room batches job pushes.
import type { Deliverer, LogicLink, RoomBatch } from "@roomcast/pkg/link";
import type { Logger } from "@roomcast/pkg/log";
import { Counter, Gauge, type Registry } from "@roomcast/pkg/metrics";
import type { ConnConfig } from "./config";
import { Admission } from "./admission";
import { drainPlan, type DrainPlan } from "./drain";
import { OnlineReporter } from "./online";
import { ClusterPresence, type PresencePeers, type RoomPresence } from "./presence";
import { Rooms } from "./room";
import { WsServer } from "./server";
import type { SessionCounters } from "./session";
import type { LoadedUws } from "./uws";
import type { History } from "@roomcast/pkg/history";
import { RoomHistory } from "./recovery";
import { Acks } from "./acks";

/** ws.publicUrl: empty, or an absolute ws:// or wss:// URL with a host (clients and the chat page dial it as it is). */
export function checkPublicUrl(url: string): void {
  if (url === "") return;
  let u: URL | undefined;
  try {
    u = new URL(url);
  } catch {
    u = undefined;
  }
  if (!u || (u.protocol !== "ws:" && u.protocol !== "wss:") || !u.hostname || u.hash)
    throw new Error(`ws.publicUrl must be a ws:// or wss:// URL such as wss://chat.example.com/room (or empty), got "${url}"`);
}

export interface ConnNodeDeps {
  config: ConnConfig;
  logic: LogicLink;
  log: Logger;
  registry: Registry;
  uws: LoadedUws;
  /** The other conn nodes, for PRESENCE across the cluster (none in standalone). */
  presencePeers?: PresencePeers;
  /** The process's history store ([history]): recovery and HISTORY pages. Absent: no room keeps history. */
  history?: History;
}

export class ConnNode implements Deliverer {
  readonly rooms: Rooms;
  readonly online: OnlineReporter;
  readonly ws: WsServer;
  readonly admission: Admission;
  readonly counters: SessionCounters = { signIns: 0, signInFailures: 0, messagesIn: 0, badFrames: 0 };
  wsPort = 0;
  /** ws.drainSec and ws.drainWaves: how stop() closes the sockets. */
  readonly drain: DrainPlan;

  /**
   * The URL clients dial (registered in discovery; logic lists it at GET /nodes): ws.publicUrl when set (wss://… behind
   * a TLS-terminating proxy), else ws://node.host:port + ws.path. Valid after start().
   */
  get wsUrl(): string {
    const c = this.deps.config;
    return c.ws.publicUrl || `ws://${c.node.host}:${this.wsPort}${c.ws.path}`;
  }

  constructor(private readonly deps: ConnNodeDeps) {
    const { config: c, log } = deps;
    checkPublicUrl(c.ws.publicUrl);
    this.drain = drainPlan(c.ws.drainSec, c.ws.drainWaves);
    this.rooms = new Rooms((topic, frame) => this.ws.fanOut(topic, frame));
    const h = c.history;
    const acks = new Acks(
      { rooms: h.ackedRooms, redeliverAfterMs: h.redeliverAfterMs, maxPending: h.maxPendingAcks, inboxMax: h.inboxMax },
      deps.history,
      log,
      deps.registry,
    );
    this.rooms.acked = (room) => acks.acked(room);
    this.admission = new Admission({
      maxConnections: c.ws.maxConnections,
      maxConnectionsPerIp: c.ws.maxConnectionsPerIp,
      maxUnsignedPerIp: c.ws.maxUnsignedPerIp,
      maxConnectionsPerUid: c.ws.maxConnectionsPerUid,
      messagesPerSecPerUid: c.ws.messagesPerSecPerUid,
      messageBurstPerUid: c.ws.messageBurstPerUid,
    });
    this.online = new OnlineReporter(c.node.id, this.rooms, deps.logic, c.online.reportIntervalMs, log, c.online.changesIntervalMs);
    this.rooms.onChange = (room) => this.online.touch(room);
    this.ws = new WsServer(
      deps.uws.uws,
      {
        listenHost: c.ws.listenHost,
        port: c.ws.port,
        sharePort: c.ws.sharePort,
        path: c.ws.path,
        maxFrameBytes: c.ws.maxFrameBytes,
        heartbeatTimeoutMs: c.ws.heartbeatTimeoutSec * 1000,
        signInTimeoutMs: c.ws.signInTimeoutSec * 1000,
        sendBufferSoftBytes: c.ws.sendBufferSoftBytes,
        sendBufferHardBytes: c.ws.sendBufferHardBytes,
        slowCloseMs: c.ws.slowCloseSec * 1000,
        tokenExpiryGraceMs: c.ws.tokenExpiryGraceSec * 1000,
        sweepIntervalMs: Math.min(1000, c.ws.heartbeatTimeoutSec * 250),
      },
      {
        logic: deps.logic,
        rooms: this.rooms,
        online: this.online,
        limits: {
          maxMessageBytes: c.ws.maxMessageBytes,
          maxBadFrames: c.ws.maxBadFrames,
          messagesPerSec: c.ws.messagesPerSec,
          messageBurst: c.ws.messageBurst,
          maxRooms: c.ws.maxRoomsPerConnection,
        },
        counters: this.counters,
        log,
        announceTimeoutMs: c.logic.timeoutMs,
        admission: this.admission,
        connNode: c.node.id,
        presence: new ClusterPresence(this.rooms, c.ws.presenceMaxUids, deps.presencePeers),
        presenceEvents: c.ws.presenceEvents,
        history: new RoomHistory(deps.history, this.rooms, c.history, log, deps.registry),
        acks,
      },
      deps.registry,
      log,
    );
    this.registerMetrics(deps.registry);
  }

  async start(): Promise<void> {
    this.wsPort = await this.ws.listen();
    this.online.start();
    this.deps.log.info({ port: this.wsPort, path: this.deps.config.ws.path, uws: this.deps.uws.implementation }, "conn listening");
  }

  deliver(b: RoomBatch): number {
    return this.rooms.deliver(b);
  }

  /** This node's part of a room's presence, for another conn node. */
  presence(room: string, limit: number): RoomPresence {
    return this.rooms.presence(room, Math.min(limit, this.deps.config.ws.presenceMaxUids));
  }

  /**
   * Stops accepting, closes every socket (4004: reconnect elsewhere) in waves over ws.drainSec, then stops
   * reporting. The node stays registered meanwhile, so the members not closed yet still get the room's messages.
   */
  async stop(): Promise<void> {
    await this.ws.drain(this.drain);
    await this.online.stop();
  }

  private registerMetrics(registry: Registry): void {
    const gauge = (name: string, help: string, read: () => number) =>
      new Gauge({
        name,
        help,
        registers: [registry],
        collect() {
          this.set(read());
        },
      });
    // The hot path counts in plain fields; a scrape adds what they gained since the last one.
    const counter = (name: string, help: string, read: () => number) => {
      let reported = 0;
      return new Counter({
        name,
        help,
        registers: [registry],
        collect() {
          const now = read();
          this.inc(now - reported);
          reported = now;
        },
      });
    };
    gauge("roomcast_conn_connections", "open WebSocket connections", () => this.ws.connections());
    gauge("roomcast_conn_rooms", "rooms with members on this node", () => this.rooms.size());
    counter("roomcast_conn_sign_ins_total", "successful sign-ins", () => this.counters.signIns);
    counter("roomcast_conn_sign_in_failures_total", "refused sign-ins", () => this.counters.signInFailures);
    counter("roomcast_conn_messages_in_total", "MESSAGE frames accepted from clients", () => this.counters.messagesIn);
    counter("roomcast_conn_bad_frames_total", "malformed frames", () => this.counters.badFrames);
    const a = this.admission.counters;
    counter("roomcast_conn_refused_node_total", "upgrades refused at ws.maxConnections (503)", () => a.refusedNode);
    counter("roomcast_conn_refused_ip_total", "upgrades refused at ws.maxConnectionsPerIp (429)", () => a.refusedIp);
    counter("roomcast_conn_refused_unsigned_total", "upgrades refused at ws.maxUnsignedPerIp (429)", () => a.refusedUnsigned);
    counter("roomcast_conn_refused_uid_total", "sign-ins refused at ws.maxConnectionsPerUid (Err 109)", () => a.refusedUid);
    counter("roomcast_conn_rate_limited_uid_total", "MESSAGEs refused by ws.messagesPerSecPerUid (Err 104)", () => a.rateLimitedUid);
    counter(
      "roomcast_conn_frames_published_total",
      "delivery frames published (one per room batch)",
      () => this.rooms.stats.framesPublished,
    );
    counter("roomcast_conn_messages_delivered_total", "messages delivered, counted per member", () => this.rooms.stats.messagesDelivered);
    counter("roomcast_conn_normal_dropped_total", "NORMAL batches not sent to slow sockets", () => this.rooms.stats.normalDropped);
    counter(
      "roomcast_conn_important_repeats_total",
      "IMPORTANT batches not delivered again because this node delivered their messages lately (a second copy, a redelivery)",
      () => this.rooms.stats.importantRepeats,
    );
  }
}
