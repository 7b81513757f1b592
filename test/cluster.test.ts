// The protocol suite against a real cluster (2 conn, 2 logic, 2 job on real nsqd, nsqlookupd, etcd), then failures.
import { Etcd3 } from "etcd3";
import { RoomClient } from "./harness/room_client";
import { Tokens } from "@roomcast/pkg/token";
import { TOKEN_SECRET } from "./harness/roomcast";
import { startCluster, type Cluster } from "./harness/cluster";
import { protocolSuite, post } from "./suite/protocol";

let cluster: Cluster;
const tokens = new Tokens({ secret: TOKEN_SECRET, ttlSec: 600 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  cluster = await startCluster({ conns: 2, logics: 2, jobs: 2, ttlSec: 3 });
}, 120_000);

afterAll(async () => {
  await cluster?.stop();
}, 60_000);

async function pushCount(metricsUrl: string, conn: string, result: string): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  let sum = 0;
  for (const line of text.split("\n")) {
    if (line.startsWith("roomcast_job_pushes_total{") && line.includes(`conn="${conn}"`) && line.includes(`result="${result}"`))
      sum += Number(line.split(" ").pop());
  }
  return sum;
}

async function etcdKeys(prefix: string): Promise<string[]> {
  const client = new Etcd3({ hosts: cluster.etcdEndpoint });
  try {
    return Object.keys(await client.getAll().prefix(prefix).strings());
  } finally {
    client.close();
  }
}

describe("cluster", () => {
  it("every conn node runs uWebSockets.js's native binary", () => {
    for (const p of cluster.conns) expect(p.output()).toMatch(/"uws":"native [^"]+uws_linux_x64_115\.node"/);
  });

  it("every node registered itself in etcd", async () => {
    const keys = await etcdKeys("/roomcast/");
    for (const id of ["conn-0", "conn-1", "logic-0", "logic-1", "job-0", "job-1"])
      expect(keys.some((k) => k.endsWith(`/${id}`))).toBe(true);
  });

  protocolSuite(() => cluster);

  describe("failures", () => {
    it("garbage on the NSQ topics is dropped by job, which keeps delivering", async () => {
      for (const topic of ["roomcast.room", "roomcast.important"]) {
        const res = await fetch(`http://${cluster.nsqdHttp}/pub?topic=${topic}`, {
          method: "POST",
          body: Buffer.from([0xff, 0x01, 0x02, 0xee]),
        });
        expect(res.status).toBe(200);
      }
      const room = `poison-${Date.now()}`;
      const a = (await RoomClient.join(cluster.wsUrls[0]!, tokens.sign("a"), room)).keepAlive(1000);
      expect(
        (await post(`${cluster.httpUrls[0]}/msg`, { room_id: room, msg: "after garbage" }, { authorization: tokens.sign("svc", "push") }))
          .json.code,
      ).toBe(1);
      expect((await a.waitForMessages(1))[0]!.text).toBe("after garbage");
      for (const j of cluster.jobs) expect(j.child.exitCode).toBeNull();
      a.terminate();
    }, 30_000);

    it("with one job node killed, messages still flow", async () => {
      const room = `jobkill-${Date.now()}`;
      const a = (await RoomClient.join(cluster.wsUrls[0]!, tokens.sign("a"), room)).keepAlive(1000);
      const b = (await RoomClient.join(cluster.wsUrls[1]!, tokens.sign("b"), room)).keepAlive(1000);
      await cluster.jobs[0]!.kill9();
      const svc = tokens.sign("svc", "push");
      for (let i = 0; i < 10; i++) {
        a.say(room, `n${i}`);
        expect((await post(`${cluster.httpUrls[i % 2]}/msg`, { room_id: room, msg: `i${i}` }, { authorization: svc })).json.code).toBe(1);
      }
      // NSQ re-delivers what the dead job held in flight after its message timeout, so allow for that.
      for (const c of [a, b]) {
        const got = await c.waitForMessages((r) => new Set(r.map((m) => m.text)).size >= 20, 90_000);
        expect(new Set(got.map((m) => m.text))).toEqual(
          new Set([...Array.from({ length: 10 }, (_, i) => `n${i}`), ...Array.from({ length: 10 }, (_, i) => `i${i}`)]),
        );
      }
      a.terminate();
      b.terminate();
    }, 120_000);

    it("kill -9 of a conn node: after its lease expires job stops pushing to it, the other node's members still receive", async () => {
      const room = `connkill-${Date.now()}`;
      const doomed = (await RoomClient.join(cluster.wsUrls[0]!, tokens.sign("doomed"), room)).keepAlive(1000);
      const a = (await RoomClient.join(cluster.wsUrls[1]!, tokens.sign("a"), room)).keepAlive(1000);
      const b = (await RoomClient.join(cluster.wsUrls[1]!, tokens.sign("b"), room)).keepAlive(1000);
      const svc = tokens.sign("svc", "push");
      expect((await post(`${cluster.httpUrls[0]}/msg`, { room_id: room, msg: "before" }, { authorization: svc })).json.code).toBe(1);
      await doomed.waitForMessages(1);

      await cluster.conns[0]!.kill9();
      // Within the lease TTL (3 s in this cluster) the dead node leaves etcd.
      const deadline = Date.now() + 10_000;
      while ((await etcdKeys("/roomcast/")).some((k) => k.endsWith("/conn/conn-0")) && Date.now() < deadline) await sleep(250);
      expect((await etcdKeys("/roomcast/")).some((k) => k.endsWith("/conn/conn-0"))).toBe(false);
      await sleep(500);

      const failedBefore = (await Promise.all(cluster.jobMetricsUrls.slice(1).map((u) => pushCount(u, "conn-0", "failed")))).reduce(
        (x, y) => x + y,
        0,
      );
      const okBefore = (await Promise.all(cluster.jobMetricsUrls.slice(1).map((u) => pushCount(u, "conn-0", "ok")))).reduce(
        (x, y) => x + y,
        0,
      );
      for (let i = 0; i < 5; i++) {
        a.say(room, `after-n${i}`);
        expect(
          (await post(`${cluster.httpUrls[i % 2]}/msg`, { room_id: room, msg: `after-i${i}` }, { authorization: svc })).json.code,
        ).toBe(1);
      }
      for (const c of [a, b]) {
        const got = await c.waitForMessages((r) => r.filter((m) => m.text.startsWith("after-")).length >= 10, 30_000);
        expect(
          got
            .filter((m) => m.text.startsWith("after-"))
            .map((m) => m.text)
            .sort(),
        ).toEqual([...Array.from({ length: 5 }, (_, i) => `after-i${i}`), ...Array.from({ length: 5 }, (_, i) => `after-n${i}`)].sort());
      }
      // The dead node's member stops counting once its lease is gone.
      const membersDeadline = Date.now() + 10_000;
      let members = await a.members();
      while (members !== 2 && Date.now() < membersDeadline) {
        await sleep(250);
        members = await a.members();
      }
      expect(members).toBe(2);
      const failedAfter = (await Promise.all(cluster.jobMetricsUrls.slice(1).map((u) => pushCount(u, "conn-0", "failed")))).reduce(
        (x, y) => x + y,
        0,
      );
      const okAfter = (await Promise.all(cluster.jobMetricsUrls.slice(1).map((u) => pushCount(u, "conn-0", "ok")))).reduce(
        (x, y) => x + y,
        0,
      );
      expect(failedAfter).toBe(failedBefore);
      expect(okAfter).toBe(okBefore);
      a.terminate();
      b.terminate();
    }, 120_000);

    it("503 from POST /msg while nsqd is down; logic keeps serving", async () => {
      await cluster.nsqd.kill9();
      const svc = tokens.sign("svc", "push");
      const r = await post(`${cluster.httpUrls[0]}/msg`, { room_id: "r", msg: "x" }, { authorization: svc });
      expect(r).toEqual({ status: 503, json: { code: 0, msg: "queue unavailable" } });
      const health = await fetch(`${cluster.httpUrls[0]}/healthz`);
      expect(health.status).toBe(200);
      for (const l of cluster.logics) expect(l.child.exitCode).toBeNull();
    }, 30_000);

    it("a node stopped with SIGTERM revokes its lease at once and exits 0", async () => {
      expect(await cluster.logics[1]!.stop()).toBe(0);
      expect((await etcdKeys("/roomcast/")).some((k) => k.endsWith("/logic/logic-1"))).toBe(false);
    }, 30_000);

    it("500 at sign-in and on MESSAGE while no logic node is up; the connection lives on", async () => {
      const room = `nologic-${Date.now()}`;
      const signedIn = (await RoomClient.join(cluster.wsUrls[1]!, tokens.sign("a"), room)).keepAlive(1000);
      expect(await cluster.logics[0]!.stop()).toBe(0);
      await cluster.conns[1]!.waitFor('"logic":""', 10_000);
      const c = await RoomClient.connect(cluster.wsUrls[1]!);
      expect((await c.signIn(tokens.sign("b"), room)).code).toBe(500);
      expect((await c.signIn(tokens.sign("b"), room)).code).toBe(500);
      signedIn.say(room, "anyone?");
      expect((await signedIn.nextErr()).code).toBe(500);
      expect(await signedIn.heartbeat()).toBe("pong");
      expect(signedIn.open && c.open).toBe(true);
      c.terminate();
      signedIn.terminate();
    }, 30_000);

    it("a conn node stopped with SIGTERM closes its sockets with 1001, leaves etcd and exits 0", async () => {
      // No logic node is left (the test before stopped them), so this client stays unsigned; drain closes it all the same.
      const c = await RoomClient.connect(cluster.wsUrls[1]!);
      const exit = cluster.conns[1]!.stop();
      expect((await c.closed).code).toBe(1001);
      expect(await exit).toBe(0);
      expect((await etcdKeys("/roomcast/")).some((k) => k.endsWith("/conn/conn-1"))).toBe(false);
    }, 30_000);
  });
});
