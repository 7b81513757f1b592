// etcd behind the Discovery interface: each node's key lives under a kept-alive lease; readers watch the prefix.
import { Etcd3, type Lease, type Watcher } from "etcd3";
import type { Discovery, NodeInfo, Registration, Service, Watch, WatchHandler } from "./discovery";

interface Log {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface EtcdDiscoveryOptions {
  hosts: string[];
  /** Keys are /roomcast/<cluster>/<service>/<nodeId>. */
  cluster: string;
  /** Lease TTL: a node that dies disappears from its readers within this long. */
  ttlSec?: number;
  logger?: Log;
}

const silent: Log = { info() {}, warn() {}, error() {} };

export class EtcdDiscovery implements Discovery {
  private readonly client: Etcd3;
  private readonly log: Log;
  private readonly ttlSec: number;
  private readonly registrations = new Set<EtcdRegistration>();
  private readonly watches = new Set<Watch>();

  constructor(private readonly opts: EtcdDiscoveryOptions) {
    this.client = new Etcd3({ hosts: opts.hosts.map((h) => (h.includes("://") ? h : `http://${h}`)) });
    this.log = opts.logger ?? silent;
    this.ttlSec = opts.ttlSec ?? 10;
  }

  prefix(service: Service): string {
    return `/roomcast/${this.opts.cluster}/${service}/`;
  }

  async register(service: Service, node: NodeInfo): Promise<Registration> {
    const reg = new EtcdRegistration(this.client, `${this.prefix(service)}${node.id}`, JSON.stringify(node), this.ttlSec, this.log);
    await reg.start();
    this.registrations.add(reg);
    return {
      deregister: async () => {
        this.registrations.delete(reg);
        await reg.stop();
      },
    };
  }

  /** The handler is called with the current nodes before watch() resolves, then after every change. */
  async watch(service: Service, handler: WatchHandler): Promise<Watch> {
    const prefix = this.prefix(service);
    const nodes = new Map<string, NodeInfo>();
    let closed = false;
    const emit = () => {
      if (!closed) handler([...nodes.values()]);
    };
    const parse = (key: string, value: string) => {
      try {
        nodes.set(key, JSON.parse(value) as NodeInfo);
      } catch (err) {
        this.log.warn({ err, key }, "discovery: ignoring a node entry that is not JSON");
      }
    };
    const reread = async () => {
      const all = await this.client.getAll().prefix(prefix).strings();
      nodes.clear();
      for (const [k, v] of Object.entries(all)) parse(k, v);
      emit();
    };
    const watcher: Watcher = await this.client.watch().prefix(prefix).create();
    watcher.on("put", (kv) => {
      parse(kv.key.toString(), kv.value.toString());
      emit();
    });
    watcher.on("delete", (kv) => {
      nodes.delete(kv.key.toString());
      emit();
    });
    // After a reconnect, events may have been missed: read the whole prefix again.
    watcher.on("connected", () => void reread().catch((err: unknown) => this.log.warn({ err, prefix }, "discovery: re-read failed")));
    watcher.on("error", (err) => this.log.warn({ err, prefix }, "discovery: watch error"));
    await reread();
    const w: Watch = {
      get nodes() {
        return [...nodes.values()];
      },
      close: async () => {
        closed = true;
        this.watches.delete(w);
        await watcher.cancel();
      },
    };
    this.watches.add(w);
    return w;
  }

  /** Revokes the leases still held (a clean stop removes the node at once), then closes the client. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.watches].map((w) => w.close()));
    await Promise.allSettled([...this.registrations].map((r) => r.stop()));
    this.registrations.clear();
    this.client.close();
  }

  /** Closes the client without revoking anything, as a crashed process would (tests). */
  abandon(): void {
    for (const r of this.registrations) r.abandon();
    this.client.close();
  }
}

/** One node's key under a lease; if etcd loses the lease (expiry, restart), a new one is granted and the key put again. */
class EtcdRegistration {
  private lease?: Lease;
  private stopped = false;
  private retry?: NodeJS.Timeout;

  constructor(
    private readonly client: Etcd3,
    private readonly key: string,
    private readonly value: string,
    private readonly ttlSec: number,
    private readonly log: Log,
  ) {}

  async start(): Promise<void> {
    const lease = this.client.lease(this.ttlSec, { autoKeepAlive: true });
    this.lease = lease;
    lease.on("lost", (err) => {
      if (this.stopped || this.lease !== lease) return;
      this.log.warn({ err, key: this.key }, "discovery: lease lost; registering again");
      this.scheduleRestart(0);
    });
    await lease.put(this.key).value(this.value).exec();
  }

  private scheduleRestart(delayMs: number): void {
    clearTimeout(this.retry);
    this.retry = setTimeout(() => {
      if (this.stopped) return;
      this.start().then(
        () => this.log.info({ key: this.key }, "discovery: registered again"),
        (err: unknown) => {
          this.log.warn({ err, key: this.key }, "discovery: register failed; retrying");
          this.scheduleRestart(Math.min(5_000, Math.max(500, delayMs * 2)));
        },
      );
    }, delayMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const lease = this.lease;
    this.lease = undefined;
    if (lease) await lease.revoke();
  }

  abandon(): void {
    this.stopped = true;
    clearTimeout(this.retry);
    this.lease?.release();
  }
}
