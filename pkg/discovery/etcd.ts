// etcd behind the Discovery interface: each node's key lives under a kept-alive lease; readers watch the prefix.
import { Etcd3, type IKeyValue, type IWatchResponse, type Lease, type Watcher } from "etcd3";
import { noLogger, type Logger } from "../log/log";
import { StartError, networkReason } from "../lifecycle/failure";
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
}

// Unary calls get a deadline so register() fails instead of hanging while etcd is unreachable; streams stay open.
const callTimeoutMs = 5_000;

/** etcd could not be reached: say where, why, and what to do, instead of the gRPC client's own words. */
function unreachable(err: unknown, hosts: string[]): unknown {
  // etcd3's error classes leave `name` at "Error".
  const name = err instanceof Error ? err.constructor.name : "";
  if (name === "GRPCUnavailableError" || name === "GRPCDeadlineExceededError") {
    const why = name === "GRPCDeadlineExceededError" ? `no answer within ${callTimeoutMs / 1000} s` : networkReason(err);
    return new StartError(`cannot reach etcd at ${hosts.join(", ")} (${why}): start etcd or set discovery.etcd`, { cause: err });
  }
  return err;
}

const byId = (a: NodeInfo, b: NodeInfo) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export class EtcdDiscovery implements Discovery {
  private readonly client: Etcd3;
  private readonly log: Logger;
  private readonly ttlSec: number;
  private readonly registrations = new Set<EtcdRegistration>();
  private readonly watches = new Set<EtcdWatch>();
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
  }

  /** The key prefix of a service's nodes, with the trailing slash. */
  prefix(service: Service): string {
    return `/roomcast/${this.opts.cluster}/${service}/`;
  }

  /** Resolves once the key is written; rejects (and keeps nothing running) if etcd cannot be reached. */
  async register(service: Service, node: NodeInfo): Promise<Registration> {
    if (this.closed) throw new Error("EtcdDiscovery.register() after close()");
    const reg = new EtcdRegistration(this.client, `${this.prefix(service)}${node.id}`, JSON.stringify(node), this.ttlSec, this.log);
    await reg.start().catch((err: unknown) => {
      throw unreachable(err, this.opts.hosts);
    });
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
   * (and, after a reconnect to etcd, once more with a fresh read, which may be unchanged).
   */
  async watch(service: Service, handler: WatchHandler): Promise<Watch> {
    if (this.closed) throw new Error("EtcdDiscovery.watch() after close()");
    const w = new EtcdWatch(this.client, this.prefix(service), handler, this.log, () => this.watches.delete(w));
    // Tracked from the start, so a close() racing the first read still cancels the watcher.
    this.watches.add(w);
    try {
      await w.start();
    } catch (err) {
      await w.close();
      throw unreachable(err, this.opts.hosts);
    }
    return w;
  }

  /** Closes the watches, revokes the leases still held (a clean stop removes the node at once), then closes the client. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.watches].map((w) => w.close()));
    const regs = [...this.registrations];
    this.registrations.clear();
    const revoked = await Promise.allSettled(regs.map((r) => r.stop()));
    for (const r of revoked) if (r.status === "rejected") this.log.warn({ err: r.reason }, "discovery: lease.revoke() failed on close");
    this.client.close();
  }

  /** Test-only: drops the client without revoking anything, as a crashed process would; the keys expire with their TTL. */
  abandon(): void {
    this.closed = true;
    for (const w of this.watches) w.drop();
    for (const r of this.registrations) r.abandon();
    this.watches.clear();
    this.registrations.clear();
    this.client.close();
  }
}

/** One node's key under a lease; if the lease is lost (revoked, expired, etcd wiped), a new one is granted and the key put again. */
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
  ) {}

  start(): Promise<void> {
    return this.putUnderNewLease();
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
    this.renewing ??= this.renew().finally(() => (this.renewing = undefined));
  }

  private async renew(): Promise<void> {
    let delayMs = 200;
    while (!this.stopped) {
      try {
        await this.putUnderNewLease();
        if (!this.stopped) this.log.info({ key: this.key }, "discovery: registered again under a new lease");
        return;
      } catch (err) {
        this.log.warn({ err, key: this.key, retryInMs: delayMs }, "discovery: lease.put(key) failed");
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delayMs);
        this.wakeRenew = () => (clearTimeout(timer), resolve());
      });
      this.wakeRenew = undefined;
      delayMs = Math.min(5_000, delayMs * 2);
    }
  }

  /** Revokes the lease, so the key vanishes at once; waits for a renewal in flight so nothing is put afterwards. */
  async stop(): Promise<void> {
    this.stopped = true;
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
 * The node set of one prefix: a snapshot read, then a watcher from the snapshot's revision on.
 * Changes at or below the revision already applied are skipped, so a re-read and the event stream never undo each other.
 */
class EtcdWatch implements Watch {
  private readonly byKey = new Map<string, NodeInfo>();
  private revision = 0;
  private watcher?: Watcher;
  private closed = false;
  private restartTimer?: NodeJS.Timeout;

  constructor(
    private readonly client: Etcd3,
    private readonly prefix: string,
    private readonly handler: WatchHandler,
    private readonly log: Logger,
    private readonly onClose: () => void,
  ) {}

  get nodes(): NodeInfo[] {
    return [...this.byKey.values()].sort(byId);
  }

  async start(): Promise<void> {
    await this.reread();
    await this.attachWatcher();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.restartTimer);
    this.onClose();
    const w = this.watcher;
    this.watcher = undefined;
    if (w) await w.cancel();
  }

  /** Stops calling the handler at once, without waiting for etcd (the client is going away). */
  drop(): void {
    this.closed = true;
    clearTimeout(this.restartTimer);
    const w = this.watcher;
    this.watcher = undefined;
    // Cancelling lets etcd3 end its watch stream, which would otherwise keep reconnecting after the client closed.
    void w?.cancel().catch(() => {});
  }

  private emit(): void {
    if (this.closed) return;
    try {
      this.handler(this.nodes);
    } catch (err) {
      this.log.error({ err, prefix: this.prefix }, "discovery: watch handler threw");
    }
  }

  /** Replaces the set with a fresh read, unless the event stream is already past that read's revision. */
  private async reread(): Promise<void> {
    const res = await this.client.getAll().prefix(this.prefix).exec();
    const revision = Number(res.header.revision);
    if (this.closed || revision < this.revision) return;
    this.revision = revision;
    this.byKey.clear();
    for (const kv of res.kvs) this.apply("Put", kv);
    this.emit();
  }

  private async attachWatcher(): Promise<void> {
    const watcher = await this.client
      .watch()
      .prefix(this.prefix)
      .startRevision(String(this.revision + 1))
      .create();
    if (this.closed) {
      await watcher.cancel();
      return;
    }
    this.watcher = watcher;
    watcher.on("data", (res) => this.onEvents(res));
    // etcd3 resumes a watcher after a reconnect; a re-read covers changes a resume could miss.
    watcher.on(
      "connected",
      () =>
        void this.reread().catch((err: unknown) =>
          this.log.warn({ err, prefix: this.prefix }, "discovery: getAll(prefix) failed after reconnect"),
        ),
    );
    // A watcher etcd cancelled (e.g. its revision was compacted) is dead: start over with a fresh read.
    watcher.on("error", (err) => {
      if (this.watcher !== watcher) return;
      watcher.removeAllListeners();
      this.watcher = undefined;
      this.log.warn({ err, prefix: this.prefix }, "discovery: watch cancelled by etcd; reading and watching again");
      this.restart(200);
    });
  }

  private restart(delayMs: number): void {
    if (this.closed) return;
    this.restartTimer = setTimeout(() => {
      this.start().catch((err: unknown) => {
        this.log.warn({ err, prefix: this.prefix, retryInMs: delayMs }, "discovery: watch restart failed");
        this.restart(Math.min(5_000, delayMs * 2));
      });
    }, delayMs);
  }

  private onEvents(res: IWatchResponse): void {
    // Events of one transaction (e.g. a lease expiring with several keys) share a revision: compare with the one before the batch.
    const applied = this.revision;
    let changed = false;
    for (const ev of res.events) {
      const rev = Number(ev.kv.mod_revision);
      if (rev <= applied) continue;
      this.revision = Math.max(this.revision, rev);
      this.apply(ev.type, ev.kv);
      changed = true;
    }
    if (changed) this.emit();
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
