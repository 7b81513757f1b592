// The discovery contract against a real etcd, plus what only leases and a real server can show.
import { Etcd3 } from "etcd3";
import { EtcdDiscovery, type NodeInfo } from "@roomcast/pkg/discovery";
import { Readiness } from "@roomcast/pkg/lifecycle";
import { discoveryContract } from "./contract/discovery";
import { claimsContract } from "./contract/claims";
import { sleep, until } from "./support/wait";
import { startEtcd, type Etcd } from "./harness/etcd";

let etcd: Etcd;
beforeAll(async () => {
  etcd = await startEtcd();
}, 30_000);
afterAll(async () => {
  await etcd?.stop();
});

const cluster = () => `t${Math.random().toString(36).slice(2, 8)}`;
const ids = (nodes: NodeInfo[]) => nodes.map((n) => n.id);

/** Clients made by a test, closed even when it fails so jest does not hang on their sockets. */
const opened: Array<{ close(): unknown }> = [];
function discovery(endpoint: string, c: string, ttlSec: number, waits?: Readiness): EtcdDiscovery {
  const d = new EtcdDiscovery({ hosts: [endpoint], cluster: c, ttlSec, waits });
  opened.push(d);
  return d;
}
function admin(endpoint: string): Etcd3 {
  const client = new Etcd3({ hosts: `http://${endpoint}` });
  opened.push(client);
  return client;
}
afterEach(async () => {
  await Promise.allSettled(opened.splice(0).map(async (c) => c.close()));
});

discoveryContract("etcd", async () => {
  const c = cluster();
  const a = new EtcdDiscovery({ hosts: [etcd.endpoint], cluster: c, ttlSec: 5 });
  const b = new EtcdDiscovery({ hosts: [etcd.endpoint], cluster: c, ttlSec: 5 });
  return { a, b, cleanup: async () => void (await Promise.all([a.close(), b.close()])) };
});

claimsContract("etcd", async () => {
  const c = cluster();
  const a = new EtcdDiscovery({ hosts: [etcd.endpoint], cluster: c, ttlSec: 5 });
  const b = new EtcdDiscovery({ hosts: [etcd.endpoint], cluster: c, ttlSec: 5 });
  return { a, b, cleanup: async () => void (await Promise.all([a.close(), b.close()])) };
});

describe("EtcdDiscovery", () => {
  it("publishes the node as JSON under /roomcast/<cluster>/<service>/<nodeId>", async () => {
    const c = cluster();
    const node = { id: "conn-3", addrs: { grpc: "127.0.0.1:3409", ws: "127.0.0.1:3402" } };
    await discovery(etcd.endpoint, c, 5).register("conn", node);
    const raw = await admin(etcd.endpoint).get(`/roomcast/${c}/conn/conn-3`).string();
    expect(JSON.parse(raw!)).toEqual(node);
  });

  it("a node whose process dies without deregistering disappears within the lease TTL", async () => {
    const c = cluster();
    const dying = discovery(etcd.endpoint, c, 2);
    const reader = discovery(etcd.endpoint, c, 2);
    let seen: NodeInfo[] = [];
    await reader.watch("conn", (nodes) => (seen = nodes));
    await dying.register("conn", { id: "conn-9", addrs: { grpc: "127.0.0.1:9" } });
    await until("the node is seen", () => ids(seen).includes("conn-9"), 3_000);
    const diedAt = Date.now();
    dying.abandon();
    // Still there right after the crash: only the lease expiry removes it. A node registered after the crash is the
    // marker: a removal right at the crash would reach the watch before it.
    await discovery(etcd.endpoint, c, 2).register("conn", { id: "conn-marker", addrs: {} });
    await until("the marker is seen", () => ids(seen).includes("conn-marker"), 3_000);
    expect(ids(seen)).toContain("conn-9");
    await until("the node is gone", () => !ids(seen).includes("conn-9"), 6_000);
    // TTL 2 s, plus etcd's 500 ms expiry check and scheduling.
    expect(Date.now() - diedAt).toBeLessThan(4_000);
  }, 15_000);

  it("a node whose lease is revoked behind its back registers again", async () => {
    const c = cluster();
    const node = discovery(etcd.endpoint, c, 2);
    const reader = discovery(etcd.endpoint, c, 2);
    const history: string[][] = [];
    await reader.watch("logic", (nodes) => history.push(ids(nodes)));
    await node.register("logic", { id: "logic-7", addrs: { grpc: "127.0.0.1:7" } });
    await until("the node is seen", () => history.at(-1)?.includes("logic-7") === true, 3_000);
    const other = admin(etcd.endpoint);
    const res = await other.getAll().prefix(`/roomcast/${c}/logic/`).exec();
    const revokedAt = history.length;
    await other.leaseClient.leaseRevoke({ ID: res.kvs[0]!.lease });
    // Gone (the revoke deleted the key), then back once a keepalive reports the lease invalid.
    const goneAt = () => history.findIndex((h, i) => i >= revokedAt && h.length === 0);
    await until("the node is gone", () => goneAt() >= 0, 3_000);
    await until("the node is back", () => history.slice(goneAt()).some((h) => h.includes("logic-7")), 5_000);
    const again = await other.getAll().prefix(`/roomcast/${c}/logic/`).exec();
    expect(again.kvs[0]!.lease).not.toEqual(res.kvs[0]!.lease);
  }, 15_000);

  it("close() revokes the leases still held, so the node vanishes at once", async () => {
    const c = cluster();
    const node = discovery(etcd.endpoint, c, 10);
    const reader = discovery(etcd.endpoint, c, 10);
    let seen: NodeInfo[] = [];
    await reader.watch("job", (nodes) => (seen = nodes));
    await node.register("job", { id: "job-1", addrs: {} });
    await until("the node is seen", () => ids(seen).includes("job-1"), 3_000);
    await node.close();
    await until("the node is gone", () => seen.length === 0, 1_000);
  });

  it("keys deleted in one etcd transaction all leave the watch", async () => {
    const c = cluster();
    const reader = discovery(etcd.endpoint, c, 5);
    let seen: NodeInfo[] = [];
    await reader.watch("conn", (nodes) => (seen = nodes));
    // Two keys under one lease: revoking it deletes both at one revision.
    const lease = admin(etcd.endpoint).lease(5);
    for (const id of ["conn-a", "conn-b"]) await lease.put(`/roomcast/${c}/conn/${id}`).value(JSON.stringify({ id, addrs: {} }));
    await until("both are seen", () => seen.length === 2, 3_000);
    await lease.revoke();
    await until("both are gone", () => seen.length === 0, 2_000);
  });
});

describe("EtcdDiscovery across an etcd restart", () => {
  let own: Etcd;
  beforeAll(async () => {
    own = await startEtcd();
  }, 30_000);
  afterAll(async () => {
    await own?.stop();
  });

  it("a watch and a registration made before the restart keep working after it", async () => {
    const c = cluster();
    const node = discovery(own.endpoint, c, 5);
    const reader = discovery(own.endpoint, c, 5);
    let seen: NodeInfo[] = [];
    await reader.watch("conn", (nodes) => (seen = nodes));
    await node.register("conn", { id: "conn-0", addrs: { grpc: "127.0.0.1:10" } });
    await until("the first node is seen", () => ids(seen).includes("conn-0"), 3_000);
    const leaseOf = async () => (await admin(own.endpoint).getAll().prefix(`/roomcast/${c}/conn/conn-0`).exec()).kvs[0]?.lease;
    const leaseBefore = await leaseOf();
    await own.restart();
    // The watcher reconnects by itself; a node registering after the restart shows it does.
    await discovery(own.endpoint, c, 5).register("conn", { id: "conn-1", addrs: { grpc: "127.0.0.1:11" } });
    await until("the second node is seen", () => ids(seen).includes("conn-1"), 15_000);
    // The first node's lease outlived the restart past its TTL: it was kept alive, not re-created.
    await sleep(6_000);
    expect(ids(seen)).toEqual(["conn-0", "conn-1"]);
    expect(await leaseOf()).toEqual(leaseBefore);
  }, 40_000);

  it("register() and watch() while etcd is down resolve at once, wait, and join when etcd is up; deregister() ends the wait", async () => {
    const c = cluster();
    await own.proc.stop();
    const readiness = new Readiness();
    const node = discovery(own.endpoint, c, 5, readiness);
    const calls: string[][] = [];
    const watch = await node.watch("conn", (nodes) => calls.push(ids(nodes)));
    await node.register("conn", { id: "conn-0", addrs: { grpc: "127.0.0.1:10" } });
    const given = await discovery(own.endpoint, c, 5).register("conn", { id: "conn-given-up", addrs: {} });
    // Nothing read yet: the handler has not been called, and the node says what it waits for.
    expect(calls).toEqual([]);
    expect(watch.nodes).toEqual([]);
    expect(readiness.waitingFor.sort()).toEqual([
      `etcd at ${own.endpoint}: reading the conn nodes`,
      `etcd at ${own.endpoint}: registering conn node conn-0`,
    ]);
    await given.deregister();

    await own.restart();
    await until("the watch sees conn-0", () => calls.at(-1)?.includes("conn-0") === true, 20_000);
    await until("nothing is waited for", () => readiness.waitingFor.length === 0, 10_000);
    // A registration given up while etcd was down never appears: a node registered after it is the marker.
    await discovery(own.endpoint, c, 5).register("conn", { id: "conn-marker", addrs: {} });
    await until("the marker is seen", () => ids(watch.nodes).includes("conn-marker"), 10_000);
    await sleep(1_000);
    expect(ids(watch.nodes)).toEqual(["conn-0", "conn-marker"]);
  }, 60_000);

  it("after etcd is wiped and started again empty, the live nodes register under new leases, a node that died meanwhile is gone, and watches follow", async () => {
    const c = cluster();
    const a = discovery(own.endpoint, c, 3);
    const b = discovery(own.endpoint, c, 3);
    const dying = discovery(own.endpoint, c, 3);
    const reader = discovery(own.endpoint, c, 3);
    let seen: NodeInfo[] = [];
    await reader.watch("conn", (nodes) => (seen = nodes));
    await a.register("conn", { id: "conn-a", addrs: { grpc: "127.0.0.1:20" } });
    await b.register("conn", { id: "conn-b", addrs: { grpc: "127.0.0.1:21" } });
    await dying.register("conn", { id: "conn-dead", addrs: { grpc: "127.0.0.1:22" } });
    await until("all three are seen", () => seen.length === 3, 5_000);
    // Revisions well past what the empty etcd will reach soon: a watcher resumed at the old revision would miss its changes.
    const other = admin(own.endpoint);
    for (let i = 0; i < 50; i++) await other.put(`/elsewhere/${c}`).value(String(i));
    const leasesBefore = (await other.getAll().prefix(`/roomcast/${c}/conn/`).exec()).kvs.map((kv) => kv.lease);

    await own.wipe(() => dying.abandon());
    await until("the live nodes are seen again, the dead one not", () => ids(seen).join() === "conn-a,conn-b", 30_000);
    const after = await admin(own.endpoint).getAll().prefix(`/roomcast/${c}/conn/`).exec();
    expect(after.kvs.map((kv) => kv.key.toString()).sort()).toEqual([`/roomcast/${c}/conn/conn-a`, `/roomcast/${c}/conn/conn-b`]);
    for (const kv of after.kvs) expect(leasesBefore).not.toContainEqual(kv.lease);
    // The watch follows the new etcd: a node joins, another leaves.
    const late = discovery(own.endpoint, c, 3);
    await late.register("conn", { id: "conn-late", addrs: {} });
    await until("the late node is seen", () => ids(seen).includes("conn-late"), 10_000);
    await a.close();
    await until("conn-a is gone", () => ids(seen).join() === "conn-b,conn-late", 10_000);
  }, 90_000);
});

describe("etcd claims", () => {
  it("the names of a holder that died come free when its lease ends, and another node takes them", async () => {
    const c = cluster();
    const dead = discovery(etcd.endpoint, c, 2);
    const theirs = discovery(etcd.endpoint, c, 2).claims("partitions", "job-live");
    const mine = dead.claims("partitions", "job-dead");
    expect(await mine.take("5")).toBe(true);
    expect(await theirs.take("5")).toBe(false);
    dead.abandon(); // as kill -9 would: no revoke, the keepalives stop
    await until("the dead holder's name comes free", async () => (await theirs.take("5")) === true, 15_000, 200);
    expect(await theirs.holders()).toEqual(new Map([["5", "job-live"]]));
    await theirs.close();
  }, 30_000);
});
