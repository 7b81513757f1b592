// The claims contract against a real etcd, plus what only a lease can show: a dead holder's names come free.
import { EtcdDiscovery } from "@roomcast/pkg/discovery";
import { claimsContract } from "./contract/claims";
import { until } from "./support/wait";
import { startEtcd, type Etcd } from "./harness/etcd";

let etcd: Etcd;
beforeAll(async () => {
  etcd = await startEtcd();
}, 30_000);
afterAll(async () => {
  await etcd?.stop();
});

const cluster = () => `c${Math.random().toString(36).slice(2, 8)}`;

claimsContract("etcd", async () => {
  const c = cluster();
  const a = new EtcdDiscovery({ hosts: [etcd.endpoint], cluster: c, ttlSec: 5 });
  const b = new EtcdDiscovery({ hosts: [etcd.endpoint], cluster: c, ttlSec: 5 });
  return { a, b, cleanup: async () => void (await Promise.all([a.close(), b.close()])) };
});

describe("etcd claims", () => {
  it("the names of a holder that died come free when its lease ends, and another node takes them", async () => {
    const c = cluster();
    const dead = new EtcdDiscovery({ hosts: [etcd.endpoint], cluster: c, ttlSec: 2 });
    const live = new EtcdDiscovery({ hosts: [etcd.endpoint], cluster: c, ttlSec: 2 });
    try {
      const mine = dead.claims("partitions", "job-dead");
      expect(await mine.take("5")).toBe(true);
      const theirs = live.claims("partitions", "job-live");
      expect(await theirs.take("5")).toBe(false);
      dead.abandon(); // as kill -9 would: no revoke, the keepalives stop
      await until("the dead holder's name comes free", async () => (await theirs.take("5")) === true, 15_000, 200);
      expect(await theirs.holders()).toEqual(new Map([["5", "job-live"]]));
      await theirs.close();
    } finally {
      await live.close();
    }
  }, 30_000);
});
