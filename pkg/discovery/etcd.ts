// etcd behind the Discovery interface: each node's key lives under a kept-alive lease; readers watch the prefix.
import * as net from "node:net";
import * as tls from "node:tls";
import { Etcd3, type IKeyValue, type IWatchResponse, type Lease, type Watcher } from "etcd3";
import { noLogger, type Logger } from "../log/log";
import { StartError, networkReason } from "../lifecycle/failure";
import { noWaits, type Waits } from "../lifecycle/readiness";
import { EtcdClaims } from "./claims_etcd";
import type { Claims } from "./claims";
import type { Discovery, NodeInfo, Registration, Service, Watch, WatchHandler } from "./discovery";

export interface EtcdDiscoveryOptions {
  /** "host:port" or "http://host:port". */
  hosts: string[];
  /** Keys are /roomcast/<cluster>/<service>/<nodeId>. */
  cluster: string;
  /** Lease TTL (default 10): a node that dies disappears from its readers within this long. */
  ttlSec?: number;
  logger?: Logger;
  /** etcd over TLS: its certificate is checked against `ca`, this node presents `cert` (hosts become https://). */
  tls?: { ca: Buffer; cert: Buffer; key: Buffer };
  /** etcd user/password auth. */
  auth?: { username: string; password: string };
  /** Told while a registration or a watch waits for etcd (the node's /healthz). */
  waits?: Waits;
}

// Unary calls get a deadline so a call to an etcd that does not answer fails and is retried instead of hanging;
// streams stay open.
const callTimeoutMs = 5_000;
// While etcd is away, retries back off from 200 ms to this, and a wait is logged again at most this often.
const maxRetryMs = 5_000;
const rewarnMs = 60_000;

/**
 * Whether etcd is away (down, not answering, or the client's circuit breaker holding calls back after failures):
 * then registrations and watches wait for it. Anything else (a refused password, a certificate etcd does not take)
 * is a configuration error that stops start-up.
 */
function etcdAway(err: unknown): boolean {
  // etcd3's error classes leave `name` at "Error"; cockatiel's BrokenCircuitError sets it.
  const name = err instanceof Error ? (err.name !== "Error" ? err.name : err.constructor.name) : "";
  if (name === "BrokenCircuitError" || name === "GRPCDeadlineExceededError") return true;
  if (name !== "GRPCUnavailableError") return false;
  // gRPC reports a failed TLS handshake as UNAVAILABLE too: that one does not pass by waiting.
  return !tlsFailure(err);
}

/** A TLS handshake that failed (a TLS client to a plain etcd is disconnected "before secure TLS connection was established"). */
function tlsFailure(err: unknown): boolean {
  return /certificate|SSL|handshake|wrong version number|alert|before secure TLS connection/i.test(String((err as Error)?.message));
}

/**
 * With TLS on, whether etcd's address takes a TCP connection but not this node's TLS handshake (a plain etcd, a
 * certificate it does not take). gRPC reports that as UNAVAILABLE with wording that varies from run to run, like etcd
 * being away, so a direct handshake decides: a setting to fix stops start-up instead of waiting forever.
 */
function tlsHandshakeFailure(host: string, t: { ca: Buffer; cert: Buffer; key: Buffer }): Promise<Error | undefined> {
  const url = new URL(host.includes("://") ? host : `https://${host}`);
  const hostname = url.hostname.replace(/^\[|\]$/g, "");
  return new Promise((resolve) => {
    let tcp = false;
    const sock = tls.connect({
      host: hostname,
      port: Number(url.port || 2379),
      ca: t.ca,
      cert: t.cert,
      key: t.key,
      ALPNProtocols: ["h2"],
      ...(net.isIP(hostname) ? {} : { servername: hostname }),
    });
    const done = (err?: Error) => {
      sock.destroy();
      resolve(err);
    };
    sock.setTimeout(callTimeoutMs, () => done());
    sock.once("connect", () => (tcp = true));
    sock.once("secureConnect", () => done());
    sock.once("error", (err) => done(tcp ? new Error(`TLS handshake failed: ${err.message}`) : undefined));
  });
}

/** Why etcd is away, in words. */
function awayReason(err: unknown): string {
  const name = err instanceof Error ? err.constructor.name : "";
  if (name === "GRPCDeadlineExceededError") return `no answer within ${callTimeoutMs / 1000} s`;
  if (err instanceof Error && err.name === "BrokenCircuitError") return "the last calls failed";
  return networkReason(err);
}

/** A failure that is not etcd being away, said with where and what to check. */
function refused(err: unknown, hosts: string[], what: string): unknown {
  if (!(err instanceof Error) || err instanceof StartError) return err;
  return new StartError(
    `etcd at ${hosts.join(", ")} refused to ${what} (${tlsFailure(err) ? "the TLS handshake failed" : networkReason(err)}): check discovery.etcd, discovery.etcdUser/etcdPassword and tls.etcd`,
    { cause: err },
  );
}

/** Sleeps `ms`, or less if `wake` is called meanwhile; `set` receives the waker. */
function pause(ms: number, set: (wake: (() => void) | undefined) => void): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    set(() => (clearTimeout(timer), resolve()));
  }).finally(() => set(undefined));
}

const byId = (a: NodeInfo, b: NodeInfo) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export class EtcdDiscovery implements Discovery {
  private readonly client: Etcd3;
  private readonly log: Logger;
  private readonly ttlSec: number;
  private readonly waits: Waits;
  private readonly registrations = new Set<EtcdRegistration>();
  private readonly watches = new Set<EtcdWatch>();
  private readonly claimSets = new Set<EtcdClaims>();
  private closed = false;

  constructor(private readonly opts: EtcdDiscoveryOptions) {
    const scheme = opts.tls ? "https" : "http";
    this.client = new Etcd3({
      hosts: opts.hosts.map((h) => (h.includes("://") ? h : `${scheme}://${h}`)),
      ...(opts.tls ? { credentials: { rootCertificate: opts.tls.ca, certChain: opts.tls.cert, privateKey: opts.tls.key } } : {}),
      ...(opts.auth ? { auth: opts.auth } : {}),
      defaultCallOptions: (ctx) => (ctx.isStream ? {} : { deadline: Date.now() + callTimeoutMs }),
    });
    this.log = opts.logger ?? noLogger;
    this.ttlSec = opts.ttlSec ?? 10;
    this.waits = opts.waits ?? noWaits;
  }

  /** With TLS on and etcd seemingly away: the handshake failure if etcd's first address takes TCP but not TLS. */
  private async tlsMisfit(): Promise<Error | undefined> {
    return this.opts.tls ? tlsHandshakeFailure(this.opts.hosts[0]!, this.opts.tls) : undefined;
  }

  /** The key prefix of a service's nodes, with the trailing slash. */
  prefix(service: Service): string {
    return `/roomcast/${this.opts.cluster}/${service}/`;
  }

  /**
   * Resolves once the key is written, or, while etcd is away, at once: the key is then put in the background, with
   * back-off, as soon as etcd answers (a warning names what waits, and `waits` holds it until then). Rejects with a
   * StartError when etcd refuses (auth, TLS).
   */
  async register(service: Service, node: NodeInfo): Promise<Registration> {
    if (this.closed) throw new Error("EtcdDiscovery.register() after close()");
    const key = `${this.prefix(service)}${node.id}`;
    const what = `etcd at ${this.opts.hosts.join(", ")}: registering ${service} node ${node.id}`;
    const reg = new EtcdRegistration(this.client, key, JSON.stringify(node), this.ttlSec, this.log, this.waits, what);
    try {
      await reg.start();
    } catch (err) {
      if (!etcdAway(err)) throw refused(err, this.opts.hosts, `register ${service} node ${node.id}`);
      const tlsErr = await this.tlsMisfit();
      if (tlsErr) {
        await reg.stop();
        throw refused(tlsErr, this.opts.hosts, `register ${service} node ${node.id}`);
      }
      this.log.warn({ key }, `discovery: waiting for ${what} (${awayReason(err)}); retrying in the background`);
      reg.retry();
    }
    this.registrations.add(reg);
    return {
      deregister: async () => {
        this.registrations.delete(reg);
        await reg.stop();
      },
    };
  }

  /**
   * The handler is called with the current nodes before watch() resolves, then after every change
   * (and, after a reconnect to etcd, once more with a fresh read, which may be unchanged). While etcd is away,
   * watch() resolves at once with no nodes and reads in the background: the handler's first call comes when etcd answers.
   */
  async watch(service: Service, handler: WatchHandler): Promise<Watch> {
    if (this.closed) throw new Error("EtcdDiscovery.watch() after close()");
    const what = `etcd at ${this.opts.hosts.join(", ")}: reading the ${service} nodes`;
    const w = new EtcdWatch(this.client, this.prefix(service), handler, this.log, () => this.watches.delete(w), this.waits, what);
    // Tracked from the start, so a close() racing the first read still cancels the watcher.
    this.watches.add(w);
    try {
      await w.start();
    } catch (err) {
      const refusal = etcdAway(err) ? await this.tlsMisfit() : err;
      if (refusal) {
        await w.close();
        throw refused(refusal, this.opts.hosts, `read the ${service} nodes`);
      }
      this.log.warn({ prefix: this.prefix(service) }, `discovery: waiting for ${what} (${awayReason(err)}); retrying in the background`);
      w.retry();
    }
    return w;
  }

  /** Claims live under /roomcast/<cluster>/claims/<group>/ with a lease of their own, of the registration's TTL. */
  claims(group: string, holder: string): Claims {
    const c = new EtcdClaims(this.client, `/roomcast/${this.opts.cluster}/claims/${group}/`, holder, this.ttlSec, this.log);
    this.claimSets.add(c);
    return c;
  }

  /** Closes the watches, revokes the leases still held (a clean stop removes the node at once), then closes the client. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.watches].map((w) => w.close()));
    const regs = [...this.registrations];
    this.registrations.clear();
    const revoked = await Promise.allSettled([...regs.map((r) => r.stop()), ...[...this.claimSets].map((c) => c.close())]);
    for (const r of revoked) if (r.status === "rejected") this.log.warn({ err: r.reason }, "discovery: lease.revoke() failed on close");
    this.client.close();
  }

  /** Test-only: drops the client without revoking anything, as a crashed process would; the keys expire with their TTL. */
  abandon(): void {
    this.closed = true;
    for (const w of this.watches) w.drop();
    for (const r of this.registrations) r.abandon();
    for (const c of this.claimSets) c.abandon();
    this.watches.clear();
    this.registrations.clear();
    this.client.close();
  }
}

/**
 * One node's key under a lease; if the lease is lost (revoked, expired, etcd wiped), or was never granted because etcd
 * was away at start-up, a new one is granted and the key put again, with back-off, until it is or stop() is called.
 */
class EtcdRegistration {
  private lease?: Lease;
  private stopped = false;
  private renewing?: Promise<void>;
  private wakeRenew?: () => void;

  constructor(
    private readonly client: Etcd3,
    private readonly key: string,
    private readonly value: string,
    private readonly ttlSec: number,
    private readonly log: Logger,
    private readonly waits: Waits,
    private readonly what: string,
  ) {}

  start(): Promise<void> {
    return this.putUnderNewLease();
  }

  /** Puts the key in the background until it is in (start() failed because etcd is away). */
  retry(): void {
    this.waits.waiting(this.key, this.what);
    this.renewing ??= this.renew(false).finally(() => (this.renewing = undefined));
  }

  private async putUnderNewLease(): Promise<void> {
    const lease = this.client.lease(this.ttlSec, { autoKeepAlive: true });
    try {
      await lease.put(this.key).value(this.value).exec();
    } catch (err) {
      // Stops its keepalive; if etcd did grant it, it expires on its own with nothing of ours left under it.
      lease.release();
      throw err;
    }
    if (this.stopped) {
      await lease.revoke();
      return;
    }
    this.lease = lease;
    lease.on("lost", (err) => this.onLost(lease, err));
    // The loss may have been emitted before the listener was attached.
    if (lease.revoked()) this.onLost(lease, new Error("lease closed before its listener was attached"));
  }

  private onLost(lease: Lease, err: unknown): void {
    if (this.stopped || this.lease !== lease) return;
    this.lease = undefined;
    this.log.warn({ err, key: this.key }, "discovery: lease lost; putting the key again under a new lease");
    this.waits.waiting(this.key, this.what);
    this.renewing ??= this.renew(true).finally(() => (this.renewing = undefined));
  }

  /** `warnFirst`: the first failure is news (a lost lease); after a failed start the caller has warned already. */
  private async renew(warnFirst: boolean): Promise<void> {
    let delayMs = 200;
    let warnedAt = warnFirst ? 0 : Date.now();
    const since = Date.now();
    while (!this.stopped) {
      try {
        await this.putUnderNewLease();
        if (!this.stopped) {
          this.waits.ready(this.key);
          this.log.info({ key: this.key, waitedMs: Date.now() - since }, "discovery: registered under a new lease");
        }
        return;
      } catch (err) {
        // One line a minute while etcd stays away, not one per attempt.
        if (Date.now() - warnedAt >= rewarnMs) {
          warnedAt = Date.now();
          this.log.warn({ err, key: this.key, retryInMs: delayMs }, "discovery: lease.put(key) failed; retrying");
        }
      }
      await pause(delayMs, (wake) => (this.wakeRenew = wake));
      delayMs = Math.min(maxRetryMs, delayMs * 2);
    }
  }

  /** Revokes the lease, so the key vanishes at once; waits for a renewal in flight so nothing is put afterwards. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.waits.ready(this.key);
    this.wakeRenew?.();
    await this.renewing;
    const lease = this.lease;
    this.lease = undefined;
    if (lease) await lease.revoke();
  }

  abandon(): void {
    this.stopped = true;
    this.wakeRenew?.();
    this.lease?.release();
    this.lease = undefined;
  }
}

/**
 * The node set of one prefix: a snapshot read, then a watcher from the snapshot's revision on. Each (re)start is a
 * generation: a fresh read replaces the set whatever its revision, and only the watcher started from that read
 * counts. So an etcd wiped or restored from an older snapshot, whose revisions start low again, is followed like any
 * other; a watcher resumed at the old revision would wait for revisions that mean other changes, or none.
 */
class EtcdWatch implements Watch {
  private readonly byKey = new Map<string, NodeInfo>();
  private generation = 0;
  private watcher?: Watcher;
  private closed = false;
  private restartTimer?: NodeJS.Timeout;
  private retryMs = 200;
  private waiting = false;

  constructor(
    private readonly client: Etcd3,
    private readonly prefix: string,
    private readonly handler: WatchHandler,
    private readonly log: Logger,
    private readonly onClose: () => void,
    private readonly waits: Waits,
    private readonly what: string,
  ) {}

  get nodes(): NodeInfo[] {
    return [...this.byKey.values()].sort(byId);
  }

  /** A fresh read, then a watcher from its revision on; a watcher of an earlier start is dropped first. */
  async start(): Promise<void> {
    const gen = ++this.generation;
    this.dropWatcher();
    const res = await this.client.getAll().prefix(this.prefix).exec();
    if (this.closed || gen !== this.generation) return;
    const revision = Number(res.header.revision);
    this.byKey.clear();
    for (const kv of res.kvs) this.apply("Put", kv);
    this.emit();
    const watcher = await this.client
      .watch()
      .prefix(this.prefix)
      .startRevision(String(revision + 1))
      .create();
    if (this.closed || gen !== this.generation) {
      await watcher.cancel();
      return;
    }
    this.watcher = watcher;
    this.retryMs = 200;
    if (this.waiting) {
      this.waiting = false;
      this.waits.ready(this.prefix);
      this.log.info({ prefix: this.prefix, nodes: this.byKey.size }, "discovery: reading and watching again");
    }
    watcher.on("data", (r) => {
      if (this.watcher === watcher) this.onEvents(r);
    });
    // etcd3 resumes a watcher after a reconnect from the revision it last saw; an etcd wiped or restored meanwhile
    // counts revisions anew, so start over from a fresh read instead.
    watcher.on("connected", () => {
      if (this.watcher !== watcher) return;
      this.log.info({ prefix: this.prefix }, "discovery: watch reconnected; reading and watching again");
      this.retry(0);
    });
    // A watcher etcd cancelled (e.g. its revision was compacted) is dead: start over with a fresh read.
    watcher.on("error", (err) => {
      if (this.watcher !== watcher) return;
      this.log.warn({ err, prefix: this.prefix }, "discovery: watch cancelled by etcd; reading and watching again");
      this.retry(200);
    });
  }

  /** Starts over after `delayMs` (back-off from 200 ms to 5 s while it fails); /healthz waits until it succeeds. */
  retry(delayMs = this.retryMs): void {
    if (this.closed) return;
    this.dropWatcher();
    if (!this.waiting) {
      this.waiting = true;
      this.waits.waiting(this.prefix, this.what);
    }
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => {
      this.start().catch((err: unknown) => {
        this.retryMs = Math.min(maxRetryMs, Math.max(200, this.retryMs * 2));
        this.log.debug({ err, prefix: this.prefix, retryInMs: this.retryMs }, "discovery: getAll(prefix) or watch failed; retrying");
        this.retry();
      });
    }, delayMs);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.restartTimer);
    this.waits.ready(this.prefix);
    this.onClose();
    const w = this.watcher;
    this.watcher = undefined;
    if (w) {
      w.removeAllListeners();
      await w.cancel();
    }
  }

  /** Stops calling the handler at once, without waiting for etcd (the client is going away). */
  drop(): void {
    this.closed = true;
    clearTimeout(this.restartTimer);
    this.dropWatcher();
  }

  /** Forgets the current watcher; cancelling it lets etcd3 end its stream, which would otherwise keep reconnecting. */
  private dropWatcher(): void {
    const w = this.watcher;
    this.watcher = undefined;
    if (!w) return;
    w.removeAllListeners();
    void w.cancel().catch(() => {});
  }

  private emit(): void {
    if (this.closed) return;
    try {
      this.handler(this.nodes);
    } catch (err) {
      this.log.error({ err, prefix: this.prefix }, "discovery: watch handler threw");
    }
  }

  private onEvents(res: IWatchResponse): void {
    // The watcher started after the read's revision: every event it brings is news.
    if (res.events.length === 0) return;
    for (const ev of res.events) this.apply(ev.type, ev.kv);
    this.emit();
  }

  private apply(type: "Put" | "Delete", kv: IKeyValue): void {
    const key = kv.key.toString();
    if (type === "Delete") {
      this.byKey.delete(key);
      return;
    }
    try {
      this.byKey.set(key, JSON.parse(kv.value.toString()) as NodeInfo);
    } catch (err) {
      this.log.warn({ err, key }, "discovery: ignoring a node entry that is not JSON");
    }
  }
}
