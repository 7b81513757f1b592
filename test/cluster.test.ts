// The protocol suite against a real cluster (2 conn, 2 logic, 2 job on real nsqd, nsqlookupd, etcd), then failures.
import { Etcd3 } from "etcd3";
import { RoomClient } from "./harness/room_client";
import { Tokens } from "@roomcast/pkg/token";
import { TOKEN_SECRET } from "./harness/roomcast";
import { startCluster, type Cluster, type ClusterOptions } from "./harness/cluster";
import type { Proc } from "./harness/proc";
import { protocolSuite, post } from "./suite/protocol";
import { protocol2Suite } from "./suite/protocol2";
import { pushApiSuite } from "./suite/push_api";
import { HISTORY_ENV, historySuite } from "./suite/history";
import { eventually, until } from "./support/wait";
import { partitionOf, partitionTopic } from "@roomcast/pkg/queue";

let cluster: Cluster;
const tokens = new Tokens({ secret: TOKEN_SECRET, ttlSec: 600 });

beforeAll(async () => {
  // The protocol 2 suite's rooms "events-*" get presence events; the history suite's rules and caps on every node.
  cluster = await startCluster({
    conns: 2,
    logics: 2,
    jobs: 2,
    ttlSec: 3,
    connEnv: { ROOMCAST_CONN_WS_PRESENCE_EVENTS: "events-*" },
    env: HISTORY_ENV,
  });
}, 120_000);

afterAll(async () => {
  await cluster?.stop();
}, 60_000);

/**
 * roomcast_job_pushes_total for one conn node and result, summed over job nodes. Throws if a job node does not
 * export the metric at all, so a renamed metric fails here instead of comparing 0 with 0.
 */
async function pushCount(metricsUrls: string[], conn: string, result: string): Promise<number> {
  let sum = 0;
  for (const url of metricsUrls) {
    const text = await (await fetch(url)).text();
    if (!text.includes("# TYPE roomcast_job_pushes_total ")) throw new Error(`${url} has no roomcast_job_pushes_total:\n${text}`);
    for (const line of text.split("\n")) {
      if (line.startsWith("roomcast_job_pushes_total{") && line.includes(`conn="${conn}"`) && line.includes(`result="${result}"`)) {
        const value = Number(line.split(" ").pop());
        if (!Number.isFinite(value)) throw new Error(`not a number: ${line}`);
        sum += value;
      }
    }
  }
  return sum;
}

async function etcdKeys(c: Cluster, prefix: string): Promise<string[]> {
  const client = new Etcd3({ hosts: c.etcdEndpoint });
  try {
    return Object.keys(await client.getAll().prefix(prefix).strings());
  } finally {
    client.close();
  }
}

/** Waits until the process prints `text` after the first `from` characters of its output (what it printed before does not count). */
const printsAfter = (p: Proc, from: number, text: string, timeoutMs = 10_000) =>
  until(`${p.name} prints ${text}`, () => p.output().indexOf(text, from) >= 0, timeoutMs);

describe("cluster", () => {
  it("every conn node runs uWebSockets.js's native binary", () => {
    for (const p of cluster.conns) expect(p.output()).toMatch(/"uws":"native [^"]+uws_linux_x64_115\.node"/);
  });

  it("every node registered itself in etcd", async () => {
    const keys = await etcdKeys(cluster, "/roomcast/");
    for (const id of ["conn-0", "conn-1", "logic-0", "logic-1", "job-0", "job-1"])
      expect(keys.some((k) => k.endsWith(`/${id}`))).toBe(true);
  });

  protocolSuite(() => cluster);
  protocol2Suite(() => cluster, "proto");
  protocol2Suite(() => cluster, "json");
  pushApiSuite(() => cluster);
  historySuite(() => cluster, "proto", "redis");
  historySuite(() => cluster, "json", "redis");

  describe("failures", () => {
    // Each test that breaks something breaks a cluster of its own, with the nodes it needs, stopped after it.
    let own: Cluster | undefined;
    const ownCluster = async (opts: ClusterOptions) => (own = await startCluster({ ttlSec: 3, ...opts }));
    afterEach(async () => {
      await own?.stop();
      own = undefined;
    }, 60_000);

    it("garbage on the NSQ topics is dropped by job, which keeps delivering", async () => {
      const room = `poison-${Date.now()}`;
      // The room's NORMAL partition topic (16 partitions by default) and the IMPORTANT topic.
      for (const topic of [partitionTopic("roomcast.room", 16, partitionOf(room, 16)), "roomcast.important"]) {
        const res = await fetch(`http://${cluster.nsqdHttp}/pub?topic=${topic}`, {
          method: "POST",
          body: Buffer.from([0xff, 0x01, 0x02, 0xee]),
        });
        expect(res.status).toBe(200);
      }
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
      const c = await ownCluster({ conns: 2, logics: 1, jobs: 2 });
      const room = `jobkill-${Date.now()}`;
      const a = (await RoomClient.join(c.wsUrls[0]!, tokens.sign("a"), room)).keepAlive(1000);
      const b = (await RoomClient.join(c.wsUrls[1]!, tokens.sign("b"), room)).keepAlive(1000);
      await c.jobs[0]!.kill9();
      const svc = tokens.sign("svc", "push");
      for (let i = 0; i < 10; i++) {
        a.say(room, `n${i}`);
        expect((await post(`${c.httpUrls[0]}/msg`, { room_id: room, msg: `i${i}` }, { authorization: svc })).json.code).toBe(1);
      }
      // NSQ re-delivers what the dead job held in flight after its message timeout, so allow for that.
      for (const client of [a, b]) {
        const got = await client.waitForMessages((r) => new Set(r.map((m) => m.text)).size >= 20, 90_000);
        expect(new Set(got.map((m) => m.text))).toEqual(
          new Set([...Array.from({ length: 10 }, (_, i) => `n${i}`), ...Array.from({ length: 10 }, (_, i) => `i${i}`)]),
        );
      }
      a.terminate();
      b.terminate();
    }, 240_000);

    it("kill -9 of a conn node: after its lease expires job stops pushing to it, the other node's members still receive", async () => {
      const c = await ownCluster({ conns: 2, logics: 1, jobs: 2 });
      const room = `connkill-${Date.now()}`;
      const doomed = (await RoomClient.join(c.wsUrls[0]!, tokens.sign("doomed"), room)).keepAlive(1000);
      const a = (await RoomClient.join(c.wsUrls[1]!, tokens.sign("a"), room)).keepAlive(1000);
      const b = (await RoomClient.join(c.wsUrls[1]!, tokens.sign("b"), room)).keepAlive(1000);
      const svc = tokens.sign("svc", "push");
      expect((await post(`${c.httpUrls[0]}/msg`, { room_id: room, msg: "before" }, { authorization: svc })).json.code).toBe(1);
      await doomed.waitForMessages(1);

      const marks = c.jobs.map((j) => j.output().length);
      await c.conns[0]!.kill9();
      // Within the lease TTL (3 s in this cluster) the dead node leaves etcd, and every job node sees it go.
      await until("conn-0 leaves etcd", async () => !(await etcdKeys(c, "/roomcast/")).some((k) => k.endsWith("/conn/conn-0")), 10_000);
      await Promise.all(c.jobs.map((j, i) => printsAfter(j, marks[i]!, '"conn":"conn-1"')));

      // A job pushed "before" to conn-0, so its series exists: a renamed metric or label shows here, not as 0 === 0.
      const okBefore = await pushCount(c.jobMetricsUrls, "conn-0", "ok");
      expect(okBefore).toBeGreaterThan(0);
      const failedBefore = await pushCount(c.jobMetricsUrls, "conn-0", "failed");
      for (let i = 0; i < 5; i++) {
        a.say(room, `after-n${i}`);
        expect((await post(`${c.httpUrls[0]}/msg`, { room_id: room, msg: `after-i${i}` }, { authorization: svc })).json.code).toBe(1);
      }
      for (const client of [a, b]) {
        const got = await client.waitForMessages((r) => r.filter((m) => m.text.startsWith("after-")).length >= 10, 30_000);
        expect(
          got
            .filter((m) => m.text.startsWith("after-"))
            .map((m) => m.text)
            .sort(),
        ).toEqual([...Array.from({ length: 5 }, (_, i) => `after-i${i}`), ...Array.from({ length: 5 }, (_, i) => `after-n${i}`)].sort());
      }
      // The dead node's member stops counting once its lease is gone.
      expect(await eventually(() => a.members(), 2)).toBe(2);
      expect(await pushCount(c.jobMetricsUrls, "conn-0", "failed")).toBe(failedBefore);
      expect(await pushCount(c.jobMetricsUrls, "conn-0", "ok")).toBe(okBefore);
      a.terminate();
      b.terminate();
    }, 240_000);

    it("503 from POST /msg while nsqd is down; logic keeps serving", async () => {
      const c = await ownCluster({ conns: 0, logics: 1, jobs: 0 });
      await c.nsqd.kill9();
      const svc = tokens.sign("svc", "push");
      const r = await post(`${c.httpUrls[0]}/msg`, { room_id: "r", msg: "x" }, { authorization: svc });
      expect(r).toEqual({ status: 503, json: { code: 0, msg: "queue unavailable" } });
      const health = await fetch(`${c.logicOpsUrls[0]}/healthz`);
      expect(health.status).toBe(200);
      for (const l of c.logics) expect(l.child.exitCode).toBeNull();
    }, 150_000);

    it("a node stopped with SIGTERM revokes its lease at once and exits 0", async () => {
      const c = await ownCluster({ conns: 0, logics: 2, jobs: 0 });
      expect((await etcdKeys(c, "/roomcast/")).some((k) => k.endsWith("/logic/logic-1"))).toBe(true);
      expect(await c.logics[1]!.stop()).toBe(0);
      expect((await etcdKeys(c, "/roomcast/")).some((k) => k.endsWith("/logic/logic-1"))).toBe(false);
      expect((await etcdKeys(c, "/roomcast/")).some((k) => k.endsWith("/logic/logic-0"))).toBe(true);
    }, 150_000);

    it("500 at sign-in and on MESSAGE while no logic node is up; the connection lives on", async () => {
      const c = await ownCluster({ conns: 1, logics: 1, jobs: 0 });
      const room = `nologic-${Date.now()}`;
      const signedIn = (await RoomClient.join(c.wsUrls[0]!, tokens.sign("a"), room)).keepAlive(1000);
      const mark = c.conns[0]!.output().length;
      expect(await c.logics[0]!.stop()).toBe(0);
      await printsAfter(c.conns[0]!, mark, '"logic":""');
      const late = await RoomClient.connect(c.wsUrls[0]!);
      expect((await late.signIn(tokens.sign("b"), room)).code).toBe(500);
      expect((await late.signIn(tokens.sign("b"), room)).code).toBe(500);
      signedIn.say(room, "anyone?");
      expect((await signedIn.nextErr()).code).toBe(500);
      expect(await signedIn.heartbeat()).toBe("pong");
      expect(signedIn.open && late.open).toBe(true);
      late.terminate();
      signedIn.terminate();
    }, 150_000);

    it("a conn node stopped with SIGTERM closes its sockets with 4004 (draining), leaves etcd and exits 0", async () => {
      const c = await ownCluster({ conns: 1, logics: 1, jobs: 0 });
      const member = (await RoomClient.join(c.wsUrls[0]!, tokens.sign("a"), `drain-${Date.now()}`)).keepAlive(1000);
      const unsigned = await RoomClient.connect(c.wsUrls[0]!);
      const exit = c.conns[0]!.stop();
      expect((await member.closed).code).toBe(4004);
      expect((await unsigned.closed).code).toBe(4004);
      expect(await exit).toBe(0);
      expect((await etcdKeys(c, "/roomcast/")).some((k) => k.endsWith("/conn/conn-0"))).toBe(false);
    }, 150_000);
  });
});
