// The discovery contract against a real etcd, plus what only a lease can show.
import { Etcd3 } from "etcd3";
import { EtcdDiscovery, type NodeInfo } from "@roomcast/pkg/discovery";
import { discoveryContract } from "../pkg/discovery/contract";
import { startEtcd, type Etcd } from "./harness/etcd";

let etcd: Etcd;
beforeAll(async () => {
  etcd = await startEtcd();
}, 30_000);
afterAll(async () => {
  await etcd?.stop();
});

const cluster = () => `t${Math.random().toString(36).slice(2, 8)}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

discoveryContract("etcd", async () => {
  const c = cluster();
  const a = new EtcdDiscovery({ hosts: [etcd.endpoint], cluster: c, ttlSec: 5 });
  const b = new EtcdDiscovery({ hosts: [etcd.endpoint], cluster: c, ttlSec: 5 });
  return { a, b, cleanup: async () => void (await Promise.all([a.close(), b.close()])) };
});

describe("EtcdDiscovery", () => {
  it("a node whose process dies without deregistering disappears within the lease TTL", async () => {
    const c = cluster();
    const dying = new EtcdDiscovery({ hosts: [etcd.endpoint], cluster: c, ttlSec: 2 });
    const reader = new EtcdDiscovery({ hosts: [etcd.endpoint], cluster: c, ttlSec: 2 });
    let seen: NodeInfo[] = [];
    await reader.watch("conn", (nodes) => (seen = nodes));
    await dying.register("conn", { id: "conn-9", addrs: { grpc: "127.0.0.1:9" } });
    const deadline = Date.now() + 3_000;
    while (!seen.some((n) => n.id === "conn-9") && Date.now() < deadline) await sleep(20);
    expect(seen.map((n) => n.id)).toEqual(["conn-9"]);
    const diedAt = Date.now();
    dying.abandon();
    while (seen.length > 0 && Date.now() - diedAt < 6_000) await sleep(50);
    expect(seen).toEqual([]);
    // Gone within the TTL, give or take etcd's lease check granularity.
    expect(Date.now() - diedAt).toBeLessThan(4_500);
    await reader.close();
  }, 15_000);

  it("a node whose lease is revoked behind its back registers again", async () => {
    const c = cluster();
    const node = new EtcdDiscovery({ hosts: [etcd.endpoint], cluster: c, ttlSec: 2 });
    const reader = new EtcdDiscovery({ hosts: [etcd.endpoint], cluster: c, ttlSec: 2 });
    let seen: NodeInfo[] = [];
    await reader.watch("logic", (nodes) => (seen = nodes));
    await node.register("logic", { id: "logic-7", addrs: {} });
    const admin = new Etcd3({ hosts: `http://${etcd.endpoint}` });
    const leases = await admin.getAll().prefix(`/roomcast/${c}/logic/`).exec();
    const leaseID = leases.kvs[0]!.lease;
    await admin.leaseClient.leaseRevoke({ ID: leaseID });
    let gone = false;
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (seen.length === 0) gone = true;
      if (gone && seen.some((n) => n.id === "logic-7")) break;
      await sleep(50);
    }
    expect(gone).toBe(true);
    expect(seen.map((n) => n.id)).toEqual(["logic-7"]);
    admin.close();
    await node.close();
    await reader.close();
  }, 15_000);
});
