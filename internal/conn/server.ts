// The WebSocket side of conn on uWebSockets.js: /room sockets (the port serves nothing else: health and metrics are on
// the ops listener), idle and slow-consumer sweeps.
import { CloseCode, SUBPROTOCOLS, jsonWire, protoWire, type Outgoing, type WireName } from "@roomcast/pkg/protocol";
import { listenFailure } from "@roomcast/pkg/lifecycle";
import type { Logger } from "@roomcast/pkg/log";
import type { Registry } from "@roomcast/pkg/metrics";
import type { UWS } from "./uws";
import { Session, type SessionDeps } from "./session";
import { drainInWaves, type DrainPlan } from "./drain";
import type { Transport } from "./transport";

export interface WsOptions {
  listenHost: string;
  port: number;
  /** Bind with SO_REUSEPORT so sibling conn processes share the port; otherwise the port is this process's alone. */
  sharePort: boolean;
  path: string;
  maxFrameBytes: number;
  heartbeatTimeoutMs: number;
  signInTimeoutMs: number;
  sendBufferSoftBytes: number;
  sendBufferHardBytes: number;
  slowCloseMs: number;
  /** How long a connection whose token expired may stay to send REFRESH before it is closed with 4001. */
  tokenExpiryGraceMs: number;
  /** How often idle and slow sockets are looked for. */
  sweepIntervalMs: number;
}

/** uSockets' listen options (LIBUS_LISTEN_DEFAULT, LIBUS_LISTEN_EXCLUSIVE_PORT). */
const LISTEN_DEFAULT = 0;
const LISTEN_EXCLUSIVE_PORT = 1;

interface SocketData {
  session?: Session;
  /** The remote address at the upgrade (per-IP limits). */
  ip: string;
  /** The codec the client chose with its WebSocket subprotocol (protocol 2). */
  wire: WireName;
}

type Socket = UWS.WebSocket<SocketData>;

/** A uWebSockets.js socket as a session's Transport; calls after close are ignored (uWS throws on them). */
class UwsTransport implements Transport {
  closed = false;
  constructor(private readonly ws: Socket) {}
  send(frame: Outgoing) {
    if (!this.closed) this.ws.send(frame, typeof frame !== "string");
  }
  close(code: number, reason: string) {
    if (this.closed) return;
    this.closed = true;
    this.ws.end(code, reason);
  }
  subscribe(topic: string) {
    if (!this.closed) this.ws.subscribe(topic);
  }
  unsubscribe(topic: string) {
    if (!this.closed) this.ws.unsubscribe(topic);
  }
  bufferedAmount() {
    return this.closed ? 0 : this.ws.getBufferedAmount();
  }
}

export class WsServer {
  readonly app: UWS.TemplatedApp;
  private listenSocket?: UWS.us_listen_socket;
  private readonly sessions = new Map<Session, UwsTransport>();
  private sweeper?: NodeJS.Timeout;
  private nextKey = 0;
  private readonly keyPrefix = `${process.pid.toString(36)}${Date.now().toString(36)}`;
  private draining = false;

  constructor(
    private readonly uws: typeof UWS,
    private readonly opts: WsOptions,
    deps: SessionDeps,
    _registry: Registry,
    private readonly log: Logger,
  ) {
    this.app = uws.App();
    this.app.ws<SocketData>(opts.path, {
      compression: uws.DISABLED,
      // uWS cuts a frame over its cap without a close frame (1006); the cap sits above ours so that frames
      // up to 4× the limit get a proper 1009 from the message handler.
      maxPayloadLength: opts.maxFrameBytes * 4,
      // Our own sweep enforces the application heartbeat; uWS's idle timer is only a backstop, without transport pings.
      // Its timer ticks in 4 s steps, so it sits well past ours.
      idleTimeout: Math.min(960, Math.ceil((opts.heartbeatTimeoutMs * 2) / 4000) * 4 + 8),
      sendPingsAutomatically: false,
      maxBackpressure: opts.sendBufferHardBytes,
      closeOnBackpressureLimit: 1,
      upgrade: (res, req, ctx) => {
        if (this.draining) {
          res.writeStatus("503 Service Unavailable").end("draining");
          return;
        }
        // Caps are checked before the WebSocket exists: a refused flood costs one short HTTP answer each.
        const ip = Buffer.from(res.getRemoteAddressAsText()).toString();
        const refused = deps.admission?.refuse(ip);
        if (refused) {
          res.writeStatus(refused.status).writeHeader("content-type", "text/plain").end(refused.body);
          return;
        }
        const { wire, accepted } = chooseSubprotocol(req.getHeader("sec-websocket-protocol"));
        res.upgrade<SocketData>({ ip, wire }, req.getHeader("sec-websocket-key"), accepted, req.getHeader("sec-websocket-extensions"), ctx);
      },
      open: (ws) => {
        const transport = new UwsTransport(ws);
        const wire = ws.getUserData().wire === "json" ? jsonWire : protoWire;
        const session = new Session(`${this.keyPrefix}-${(this.nextKey++).toString(36)}`, transport, deps, Date.now(), wire);
        session.ip = ws.getUserData().ip;
        ws.getUserData().session = session;
        this.sessions.set(session, transport);
        deps.admission?.opened(session);
      },
      message: (ws, message, isBinary) => {
        if (message.byteLength > opts.maxFrameBytes) {
          const t = this.sessions.get(ws.getUserData().session!);
          t?.close(CloseCode.TOO_BIG, "frame too big");
          return;
        }
        // uWS neuters the ArrayBuffer when this call returns, and decoded bytes are views into it: copy once.
        ws.getUserData().session?.onFrame(new Uint8Array(message.slice(0)), isBinary);
      },
      drain: (ws) => {
        const s = ws.getUserData().session;
        if (s && s.slowSince > 0 && ws.getBufferedAmount() < opts.sendBufferSoftBytes / 2) s.setSlow(false);
      },
      close: (ws) => {
        const s = ws.getUserData().session;
        if (!s) return;
        const t = this.sessions.get(s);
        if (t) t.closed = true;
        this.sessions.delete(s);
        deps.admission?.closed(s);
        s.onClose();
      },
    });
    // Every other request on the public port: 404 in the HTTP API's error shape.
    this.app.any("/*", (res, req) => {
      const url = req.getUrl();
      res
        .writeStatus("404 Not Found")
        .writeHeader("content-type", "application/json")
        .end(JSON.stringify({ code: 0, msg: `no route ${url}: this port serves WebSocket clients at ${opts.path}` }));
    });
  }

  /** The ops listener's /healthz: not ok while draining. */
  health(): { ok: boolean; connections: number } {
    return { ok: !this.draining, connections: this.sessions.size };
  }

  connections(): number {
    return this.sessions.size;
  }

  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      const { listenHost: host, port } = this.opts;
      const done = (sock: UWS.us_listen_socket | false) => {
        if (!sock)
          return reject(
            listenFailure("WebSocket clients", host, port, "[ws] port (ROOMCAST_CONN_WS_PORT; or ws.sharePort for sibling conn processes)"),
          );
        this.listenSocket = sock;
        resolve(this.uws.us_socket_local_port(sock as unknown as UWS.us_socket));
      };
      // uWS listens with SO_REUSEPORT unless told the port is exclusive: then a second process on the port fails
      // here instead of silently taking half of the new connections. (The typings lack the host + options form.)
      const listen = this.app.listen as unknown as (h: string, p: number, options: number, cb: typeof done) => void;
      listen.call(this.app, host, port, this.opts.sharePort ? LISTEN_DEFAULT : LISTEN_EXCLUSIVE_PORT, done);
      this.sweeper = setInterval(() => this.sweep(), this.opts.sweepIntervalMs);
      this.sweeper.unref();
    });
  }

  /** Sends one encoded frame to every subscriber of a topic, fanned out in C++ (uWS pub/sub); a string as text. */
  fanOut(topic: string, frame: Outgoing): void {
    this.app.publish(topic, frame, typeof frame !== "string", false);
  }

  /** No new connections from now on: the listen socket closes and /healthz says not ok (a proxy takes the node out). */
  stopAccepting(): void {
    this.draining = true;
    if (this.listenSocket) this.uws.us_listen_socket_close(this.listenSocket);
    this.listenSocket = undefined;
  }

  /**
   * Stops accepting, then closes every connection with 4004 in the plan's waves (oldest first), so that clients
   * reconnect to other nodes spread over the drain period rather than all at once. Resolves when none is left open.
   */
  async drain(plan: DrainPlan): Promise<void> {
    this.stopAccepting();
    const started = Date.now();
    const open = this.sessions.size;
    this.log.info({ open, waves: plan.waves, periodMs: plan.periodMs }, "drain: stopped accepting; closing the sockets in waves (4004)");
    const res = await drainInWaves(
      () => [...this.sessions.values()].filter((t) => !t.closed),
      (t) => t.close(CloseCode.DRAINING, "server draining: reconnect to another node"),
      plan,
    );
    clearInterval(this.sweeper);
    this.log.info({ open, closed: res.closed, waves: res.waves, ms: Date.now() - started }, "drain: sockets closed");
  }

  /** Closes idle, never-signed-in, persistently slow and expired-token sockets (telling the latter first); takes slow sockets off NORMAL batches (named sweepproc in logs). */
  private sweep(now = Date.now()): void {
    const o = this.opts;
    let idle = 0;
    let slowClosed = 0;
    let expired = 0;
    for (const [s, t] of this.sessions) {
      if (now - s.lastActive > o.heartbeatTimeoutMs) {
        idle++;
        t.close(CloseCode.IDLE, "no heartbeat");
      } else if (s.state !== "in" && now - s.openedAt > o.signInTimeoutMs) {
        idle++;
        t.close(CloseCode.IDLE, "no sign-in");
      } else if (s.tokenExpired(now, o.tokenExpiryGraceMs)) {
        expired++;
        t.close(CloseCode.TOKEN_EXPIRED, "token expired");
      } else if (s.state === "in") {
        const buffered = t.bufferedAmount();
        if (buffered > o.sendBufferSoftBytes) {
          if (s.slowSince === 0) s.setSlow(true, now);
          else if (now - s.slowSince > o.slowCloseMs) {
            slowClosed++;
            t.close(CloseCode.SLOW_CONSUMER, "send buffer stayed full");
          }
        } else if (s.slowSince > 0 && buffered < o.sendBufferSoftBytes / 2) s.setSlow(false);
        s.redeliver(now);
      }
    }
    if (idle || slowClosed || expired)
      this.log.info({ idle, slowClosed, expired, connections: this.sessions.size }, "sweepproc closed connections");
  }
}

/**
 * The codec of a new connection from the subprotocols it offered (Sec-WebSocket-Protocol, in its order of
 * preference): the first one roomcast speaks, which the answer names; none of them (or none offered) = protobuf, and
 * the answer names none.
 */
export function chooseSubprotocol(offered: string): { wire: WireName; accepted: string } {
  for (const p of offered.split(",")) {
    const name = p.trim();
    const wire = SUBPROTOCOLS[name];
    if (wire && Object.hasOwn(SUBPROTOCOLS, name)) return { wire, accepted: name };
  }
  return { wire: "proto", accepted: "" };
}
