// Claims in etcd: /roomcast/<cluster>/claims/<group>/<name> = holder, created only if absent, under a lease of the
// holder's own. If the holder dies, the lease ends within its TTL and the names are free again; if the lease is
// lost while the holder lives (etcd wiped, a long partition), its names are gone and the next take() grants a new one.
import type { Etcd3, Lease } from "etcd3";
import type { Logger } from "../log/log";
import type { Claims } from "./claims";

export class EtcdClaims implements Claims {
  private lease?: Lease;
  private leaseId?: Promise<string>;
  private closed = false;
  private lost = false;

  constructor(
    private readonly client: Etcd3,
    private readonly prefix: string,
    private readonly holder: string,
    private readonly ttlSec: number,
    private readonly log: Logger,
  ) {}

  async holders(): Promise<Map<string, string>> {
    const kvs = await this.client.getAll().prefix(this.prefix).strings();
    const out = new Map<string, string>();
    for (const [key, value] of Object.entries(kvs)) out.set(key.slice(this.prefix.length), value);
    return out;
  }

  async take(name: string): Promise<boolean> {
    if (this.closed) return false;
    const key = this.prefix + name;
    const id = await this.grant();
    this.lost = false;
    const res = await this.client
      .if(key, "Create", "==", 0)
      .then(this.client.put(key).value(this.holder).lease(id))
      .else(this.client.get(key))
      .commit();
    if (res.succeeded) return true;
    const kv = res.responses[0]?.response_range?.kvs?.[0];
    return kv?.value.toString() === this.holder && kv.lease === id;
  }

  async give(name: string): Promise<void> {
    const key = this.prefix + name;
    await this.client.if(key, "Value", "==", this.holder).then(this.client.delete().key(key)).commit();
  }

  /** True while no lease was lost since the last take(): etcd3 reports a lease lost once it could not renew it within its TTL. */
  alive(): boolean {
    return !this.lost;
  }

  /** Revokes the lease: every name this node holds is free at once. */
  async close(): Promise<void> {
    this.closed = true;
    const lease = this.lease;
    this.lease = undefined;
    this.leaseId = undefined;
    if (lease) await lease.revoke().catch((err: unknown) => this.log.warn({ err, prefix: this.prefix }, "claims: lease.revoke() failed"));
  }

  /** Test-only: stops the keepalives without revoking, as a crashed process would; the names come free with the TTL. */
  abandon(): void {
    this.closed = true;
    this.lease?.release();
    this.lease = undefined;
    this.leaseId = undefined;
  }

  /** The current lease's id, granting a new lease when there is none or the last one was lost. */
  private grant(): Promise<string> {
    if (this.leaseId) return this.leaseId;
    const lease = this.client.lease(this.ttlSec, { autoKeepAlive: true });
    const forget = () => {
      if (this.lease !== lease) return;
      this.lease = undefined;
      this.leaseId = undefined;
    };
    lease.on("lost", (err) => {
      this.log.warn({ err, prefix: this.prefix }, "claims: lease lost; every name held under it is free");
      if (this.lease === lease) this.lost = true;
      forget();
    });
    this.lease = lease;
    this.leaseId = lease.grant().catch((err: unknown) => {
      forget();
      lease.release();
      throw err;
    });
    return this.leaseId;
  }
}
