// A node starts while etcd or nsqd is down: it says what it waits for, serves what it can, answers /healthz 503
// naming the wait, and joins once they come up (registers, creates its topics, its readers connect). A configuration
// that cannot work (etcd refusing the password) still stops start-up with a line that says what to check.
import * as path from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { Etcd3 } from "etcd3";
import { Tokens } from "@roomcast/pkg/token";
import { freePort, killAll, type Proc } from "./harness/proc";
import { TOKEN_SECRET, opsUrlOf, tsProc } from "./harness/roomcast";
import { startEtcd, type Etcd } from "./harness/etcd";
import { startNsq, type Nsq } from "./harness/nsq";
import { makePki } from "./harness/pki";
import { post } from "./suite/protocol";
import { until } from "./support/wait";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "roomcast-startup-"));
});
afterAll(async () => {
  await killAll();
  rmSync(dir, { recursive: true, force: true });
});

const tokens = new Tokens({ secret: TOKEN_SECRET, ttlSec: 600 });
const cluster = () => `s${Math.random().toString(36).slice(2, 8)}`;

/** Infrastructure and nodes a test started, stopped even when it fails. */
const started: Array<{ stop(): Promise<unknown> }> = [];
afterEach(async () => {
  for (const s of started.splice(0).reverse()) await s.stop().catch(() => {});
});

async function healthz(p: Proc): Promise<{ status: number; body: { ok: boolean; waitingFor?: string[] } }> {
  const res = await fetch(`${opsUrlOf(p)}/healthz`);
  return { status: res.status, body: (await res.json()) as { ok: boolean; waitingFor?: string[] } };
}

/** etcd stopped after it started: its address is known and nothing answers there until restart(). */
async function etcdDown(): Promise<Etcd> {
  const etcd = await startEtcd();
  started.push(etcd);
  await etcd.proc.stop();
  return etcd;
}

async function etcdKey(etcd: Etcd, key: string): Promise<string | null> {
  const client = new Etcd3({ hosts: `http://${etcd.endpoint}` });
  try {
    return await client.get(key).string();
  } finally {
    client.close();
  }
}

describe("a node starts while etcd or nsqd is down and joins when it comes up", () => {
  it("conn with etcd down: serves, says it waits for etcd, /healthz 503; registers once etcd is up", async () => {
    const etcd = await etcdDown();
    const c = cluster();
    const conn = tsProc(
      "conn-etcd-later",
      "cmd/conn/main.ts",
      {
        ROOMCAST_CONN_NODE_CLUSTER: c,
        ROOMCAST_CONN_WS_PORT: String(await freePort()),
        ROOMCAST_CONN_GRPC_PORT: String(await freePort()),
        ROOMCAST_CONN_DISCOVERY_ETCD: etcd.endpoint,
      },
      dir,
    );
    started.push(conn);
    await conn.waitFor("conn ready", 30_000);
    await conn.waitFor(`waiting for etcd at ${etcd.endpoint}: registering conn node conn-0`);
    expect(conn.output()).toContain(`waiting for etcd at ${etcd.endpoint}: reading the logic nodes`);
    expect(conn.output()).not.toContain("failed to start");
    const waiting = await healthz(conn);
    expect(waiting.status).toBe(503);
    expect(waiting.body.waitingFor).toEqual(
      expect.arrayContaining([
        `etcd at ${etcd.endpoint}: registering conn node conn-0`,
        `etcd at ${etcd.endpoint}: reading the logic nodes`,
      ]),
    );

    await etcd.restart();
    const key = `/roomcast/${c}/conn/conn-0`;
    await until("conn-0 is registered", async () => (await etcdKey(etcd, key)) !== null, 30_000);
    expect(JSON.parse((await etcdKey(etcd, key))!)).toMatchObject({ id: "conn-0", addrs: { grpc: expect.any(String) } });
    await until("/healthz says ready", async () => (await healthz(conn)).status === 200, 30_000);
    expect((await healthz(conn)).body).toMatchObject({ ok: true });
    expect(conn.child.exitCode).toBeNull();
    // A clean stop still deregisters.
    expect(await conn.stop()).toBe(0);
    expect(await etcdKey(etcd, key)).toBeNull();
  }, 120_000);

  it("logic with nsqd down: serves (POST /msg 503), says it waits for nsqd; creates its topics and takes messages once nsqd is up", async () => {
    const nsq: Nsq = await startNsq();
    started.push(nsq);
    await nsq.nsqd.stop();
    const httpPort = await freePort();
    const logic = tsProc(
      "logic-nsqd-later",
      "cmd/logic/main.ts",
      {
        ROOMCAST_LOGIC_HTTP_PORT: String(httpPort),
        ROOMCAST_LOGIC_GRPC_PORT: String(await freePort()),
        ROOMCAST_LOGIC_TOKEN_SECRET: TOKEN_SECRET,
        ROOMCAST_LOGIC_QUEUE_NSQD_TCP: nsq.nsqdTcp,
        ROOMCAST_LOGIC_QUEUE_NSQD_HTTP: nsq.nsqdHttp,
        ROOMCAST_LOGIC_QUEUE_LOOKUPD_HTTP: nsq.lookupdHttp,
        ROOMCAST_LOGIC_DISCOVERY_KIND: "static",
      },
      dir,
    );
    started.push(logic);
    await logic.waitFor("logic ready", 30_000);
    // The topics: roomcast.important and the room topic (or its partitions).
    const wait = new RegExp(`nsqd's HTTP API at ${nsq.nsqdHttp}: creating topics .*roomcast\\.important`);
    await logic.waitFor(new RegExp(`waiting for ${wait.source} \\(connection refused\\)`));
    const waiting = await healthz(logic);
    expect(waiting).toEqual({ status: 503, body: { ok: false, waitingFor: [expect.stringMatching(wait)] } });
    const httpUrl = `http://127.0.0.1:${httpPort}`;
    const push = tokens.sign("svc", "push");
    expect(await post(`${httpUrl}/msg`, { room_id: "r", msg: "too early" }, { authorization: push })).toEqual({
      status: 503,
      json: { code: 0, msg: "queue unavailable" },
    });

    await nsq.restartNsqd();
    await until("/healthz says ready", async () => (await healthz(logic)).status === 200, 30_000);
    const stats = (await (await fetch(`http://${nsq.nsqdHttp}/stats?format=json`)).json()) as { topics: Array<{ topic_name: string }> };
    expect(stats.topics.map((t) => t.topic_name)).toContain("roomcast.important");
    expect(await post(`${httpUrl}/msg`, { room_id: "r", msg: "in time" }, { authorization: push })).toMatchObject({ status: 200 });
    expect(logic.child.exitCode).toBeNull();
  }, 120_000);

  it("job with nsqd down: says it waits for nsqd, /healthz 503; its readers connect once nsqd is up", async () => {
    const nsq: Nsq = await startNsq();
    started.push(nsq);
    await nsq.nsqd.stop();
    const job = tsProc(
      "job-nsqd-later",
      "cmd/job/main.ts",
      {
        ROOMCAST_JOB_QUEUE_LOOKUPD_HTTP: nsq.lookupdHttp,
        ROOMCAST_JOB_QUEUE_LOOKUPD_POLL_SEC: "1",
        ROOMCAST_JOB_DISCOVERY_KIND: "static",
      },
      dir,
    );
    started.push(job);
    await job.waitFor("job ready", 30_000);
    // Its readers find nsqd only through nsqlookupd, which lists none now.
    const wait = `an nsqd listed by nsqlookupd at ${nsq.lookupdHttp} (${nsq.lookupdHttp} lists none)`;
    await job.waitFor(`nsq: waiting for ${wait}`, 30_000);
    expect(await healthz(job)).toEqual({ status: 503, body: { ok: false, waitingFor: [wait] } });

    // nsqd comes back: the job is ready once nsqlookupd lists it, and its reader of roomcast.important connects as soon
    // as the topic exists (logic creates it).
    await nsq.restartNsqd();
    await until("/healthz says ready", async () => (await healthz(job)).status === 200, 30_000);
    const logic = tsProc(
      "logic-makes-topics",
      "cmd/logic/main.ts",
      {
        ROOMCAST_LOGIC_HTTP_PORT: String(await freePort()),
        ROOMCAST_LOGIC_GRPC_PORT: String(await freePort()),
        ROOMCAST_LOGIC_TOKEN_SECRET: TOKEN_SECRET,
        ROOMCAST_LOGIC_QUEUE_NSQD_TCP: nsq.nsqdTcp,
        ROOMCAST_LOGIC_QUEUE_NSQD_HTTP: nsq.nsqdHttp,
        ROOMCAST_LOGIC_QUEUE_LOOKUPD_HTTP: nsq.lookupdHttp,
        ROOMCAST_LOGIC_DISCOVERY_KIND: "static",
      },
      dir,
    );
    started.push(logic);
    await logic.waitFor("logic ready", 30_000);
    await job.waitFor(/"topic":"roomcast\.important".*"msg":"nsq reader connected"/, 30_000);
    expect(job.child.exitCode).toBeNull();
  }, 120_000);
});

describe("a configuration that cannot work still stops start-up, saying what to check", () => {
  it("conn speaking TLS to an etcd that does not", async () => {
    const pki = makePki(path.join(dir, "pki-plain"));
    const etcd = await startEtcd();
    started.push(etcd);
    const conn = tsProc(
      "conn-tls-to-plain",
      "cmd/conn/main.ts",
      {
        ROOMCAST_CONN_WS_PORT: String(await freePort()),
        ROOMCAST_CONN_GRPC_PORT: String(await freePort()),
        ROOMCAST_CONN_DISCOVERY_ETCD: etcd.endpoint,
        ROOMCAST_CONN_TLS_CA: pki.ca,
        ROOMCAST_CONN_TLS_CERT: pki.cert,
        ROOMCAST_CONN_TLS_KEY: pki.key,
        ROOMCAST_CONN_TLS_ETCD: "true",
      },
      dir,
    );
    started.push(conn);
    const timer = setTimeout(() => void conn.stop(), 60_000);
    const code = await conn.exited;
    clearTimeout(timer);
    expect(code).toBe(1);
    expect(conn.output()).toMatch(
      /conn failed to start: etcd at \S+ refused to (read the logic nodes|register conn node conn-0) \(the TLS handshake failed\): check /,
    );
  }, 120_000);

  it("conn against an etcd that refuses its password", async () => {
    const pki = makePki(path.join(dir, "pki"));
    const etcd = await startEtcd({ tls: pki });
    started.push(etcd);
    const conn = tsProc(
      "conn-bad-password",
      "cmd/conn/main.ts",
      {
        ROOMCAST_CONN_WS_PORT: String(await freePort()),
        ROOMCAST_CONN_GRPC_PORT: String(await freePort()),
        ROOMCAST_CONN_DISCOVERY_ETCD: etcd.endpoint,
        ROOMCAST_CONN_DISCOVERY_ETCD_USER: etcd.auth!.username,
        ROOMCAST_CONN_DISCOVERY_ETCD_PASSWORD: "not-the-password",
        ROOMCAST_CONN_TLS_CA: pki.ca,
        ROOMCAST_CONN_TLS_CERT: pki.cert,
        ROOMCAST_CONN_TLS_KEY: pki.key,
        ROOMCAST_CONN_TLS_ETCD: "true",
      },
      dir,
    );
    started.push(conn);
    const timer = setTimeout(() => void conn.stop(), 60_000);
    const code = await conn.exited;
    clearTimeout(timer);
    expect(code).toBe(1);
    expect(conn.output()).toMatch(
      /conn failed to start: etcd at \S+ refused to (read the logic nodes|register conn node conn-0) \(.+\): check discovery\.etcd/,
    );
    expect(conn.output()).not.toMatch(/^\s+at /m);
  }, 120_000);
});
