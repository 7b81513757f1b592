// `pnpm cluster` (deploy/cluster.sh) as a user runs it: whatever stops the script stops every process it started, and
// while it runs it starts again whatever exits on its own.
// Each test starts the script on ports and a data folder of its own (the script's ROOMCAST_CLUSTER_* knobs), so it
// never touches the default port plan another cluster may use.
import { readFileSync, readdirSync, mkdtempSync, rmSync } from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "./harness/bin";
import { bindable, startProc, killAll, type Proc } from "./harness/proc";
import { RoomClient } from "./harness/room_client";
import { sleep, until } from "./support/wait";

const UP_MS = 90_000;
const STOP_MS = 45_000; // the script gives nodes 15 s, then nsqd, nsqlookupd and etcd 15 s
const TEST_MS = UP_MS + STOP_MS + 20_000;

interface ProcInfo {
  pid: number;
  ppid: number;
  pgid: number;
  start: string;
  cmd: string;
}

/** Every process on the machine, from /proc. */
function processes(): ProcInfo[] {
  const out: ProcInfo[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // fields from the 3rd (state) on
      const cmd = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").join(" ").trim();
      out.push({ pid: Number(entry), ppid: Number(fields[1]), pgid: Number(fields[2]), start: fields[19]!, cmd });
    } catch {
      // it exited while we looked
    }
  }
  return out;
}

/** The processes descended from `root` (children, their children, …). */
function descendants(root: number): ProcInfo[] {
  const all = processes();
  const found: ProcInfo[] = [];
  let frontier = [root];
  while (frontier.length) {
    const next = all.filter((p) => frontier.includes(p.ppid));
    found.push(...next);
    frontier = next.map((p) => p.pid);
  }
  return found;
}

/** This test process's group: the script's children may share it (the script does not give them groups of their own). */
const ownPgid = processes().find((p) => p.pid === process.pid)!.pgid;

/** What is left of `started`: the same processes (pid and start time), or any process in one of their own groups. */
function leftOf(started: ProcInfo[]): ProcInfo[] {
  const pgids = new Set(started.map((p) => p.pgid).filter((g) => g !== ownPgid));
  return processes().filter((p) => p.cmd !== "" && (started.some((s) => s.pid === p.pid && s.start === p.start) || pgids.has(p.pgid)));
}

function listens(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, "127.0.0.1");
    s.once("connect", () => (s.destroy(), resolve(true)));
    s.once("error", () => resolve(false));
  });
}

interface Script {
  proc: Proc;
  data: string;
  /** ROOMCAST_CLUSTER_PORT_BASE: conn-0's WebSocket is base+2, logic-0's HTTP base+11. */
  base: number;
  /** Every port the cluster listens on: the nodes', nsqd's, nsqlookupd's and etcd's. */
  ports: number[];
}

/**
 * Starts `bash deploy/cluster.sh` in a block of 200 ports chosen at random (nodes at base+2…base+121, nsqd
 * base+150/151, nsqd-normal base+152/153, nsqd-second base+154/155, nsqlookupd base+160/161, etcd base+162/163) and waits until it says it is
 * up. `env`: more knobs.
 */
async function startScript(env: Record<string, string> = {}): Promise<Script> {
  for (let attempt = 1; ; attempt++) {
    // Below the kernel's ephemeral range (32768 and up here): an outgoing connection's local port cannot take ours.
    const base = 20_000 + 200 * Math.floor(Math.random() * 60);
    const nodePorts = [0, 100].flatMap((o) => [2, 8, 9, 11, 18, 19, 21].map((p) => base + o + p));
    const infraPorts = [150, 151, 152, 153, 154, 155, 160, 161, 162, 163].map((p) => base + p);
    const ports = [...nodePorts, ...infraPorts];
    if (!(await Promise.all(ports.map(bindable))).every(Boolean)) continue;
    const data = mkdtempSync(path.join(os.tmpdir(), "roomcast-cluster-script-"));
    const proc = startProc(
      "cluster.sh",
      "bash",
      ["deploy/cluster.sh"],
      {
        ROOMCAST_CLUSTER_DATA: data,
        ROOMCAST_CLUSTER_PORT_BASE: String(base),
        ROOMCAST_CLUSTER_NSQD_PORT: String(base + 150),
        ROOMCAST_CLUSTER_LOOKUPD_PORT: String(base + 160),
        ROOMCAST_CLUSTER_ETCD_PORT: String(base + 162),
        ...env,
      },
      repoRoot,
    );
    try {
      await proc.waitFor("roomcast cluster is up", UP_MS);
      await proc.waitFor("Ctrl-C stops everything", 5_000); // the last line of the up message
      return { proc, data, base, ports };
    } catch (err) {
      // The script stops what it started when it fails; a port another process took in between is worth a retry.
      await proc.exited;
      rmSync(data, { recursive: true, force: true });
      if (attempt >= 3 || !/address already in use|EADDRINUSE|could not listen|cannot listen|bind/i.test(String(err))) throw err;
    }
  }
}

/** The script's children as the test saw them while the cluster was up: nsqlookupd, three nsqd, etcd and the 6 nodes. */
function startedBy(script: Script): ProcInfo[] {
  const started = descendants(script.proc.child.pid!);
  const cmds = started.map((p) => p.cmd).join("\n");
  expect(cmds).toContain("nsqd ");
  expect(cmds).toContain("nsqlookupd ");
  expect(cmds).toContain("etcd ");
  for (const tier of ["conn", "logic", "job"]) expect(started.filter((p) => p.cmd.includes(`cmd/${tier}/main.ts`))).toHaveLength(2);
  return started;
}

async function exitWithin(proc: Proc, ms: number): Promise<number | null | "running"> {
  const timer = new AbortController();
  const running = sleep(ms, "running" as const, { signal: timer.signal }).catch(() => "running" as const);
  try {
    return await Promise.race([proc.exited, running]);
  } finally {
    timer.abort();
  }
}

/** No process the script started is left (by pid and by process group), and nothing listens on its ports. */
async function expectNothingLeft(script: Script, started: ProcInfo[]): Promise<void> {
  expect(leftOf(started).map((p) => `${p.pid} ${p.cmd}`)).toEqual([]);
  const listening = [];
  for (const port of script.ports) if (await listens(port)) listening.push(port);
  expect(listening).toEqual([]);
}

let current: Script | undefined;
afterEach(async () => {
  // A failed test must not leave a cluster behind either: SIGTERM to the script, then SIGKILL to every group it made.
  if (!current) return;
  const started = descendants(current.proc.child.pid!);
  await current.proc.stop(STOP_MS);
  for (const p of leftOf(started)) {
    try {
      process.kill(p.pgid === ownPgid ? p.pid : -p.pgid, "SIGKILL");
    } catch {
      // gone
    }
  }
  rmSync(current.data, { recursive: true, force: true });
  current = undefined;
}, STOP_MS + 5_000);
afterAll(() => killAll());

describe("pnpm cluster (deploy/cluster.sh)", () => {
  it.each(["SIGINT", "SIGTERM", "SIGHUP"] as const)(
    "says where to connect once up; %s to the script stops every process it started and frees every port",
    async (signal) => {
      const script = (current = await startScript());
      const started = startedBy(script);
      expect(script.proc.output()).toContain(
        `connect to ws://127.0.0.1:${script.base + 2}/room (any conn node), chat page at http://127.0.0.1:${script.base + 11}/`,
      );
      script.proc.child.kill(signal);
      expect(await exitWithin(script.proc, STOP_MS)).toBe(0);
      expect(script.proc.output()).toContain("stopped.");
      await expectNothingLeft(script, started);
    },
    TEST_MS,
  );

  it(
    "ROOMCAST_CLUSTER_TLS=1: TLS on every internal link, a signed-in client gets a POST /msg, and SIGINT leaves nothing behind",
    async () => {
      const script = (current = await startScript({ ROOMCAST_CLUSTER_TLS: "1" }));
      const started = startedBy(script);
      const pki = path.join(script.data, "pki");
      const out = script.proc.output();
      expect(out).toContain(`TLS is on for every internal link (gRPC, etcd, NSQ); the throwaway CA: ${path.join(pki, "ca.pem")}`);
      expect(readFileSync(path.join(pki, "ca.pem"), "utf8")).toContain("-----BEGIN CERTIFICATE-----");
      // etcd and nsqd's HTTP API speak only TLS: etcd drops a plain HTTP request, nsqd answers it with Go's refusal.
      await expect(fetch(`http://127.0.0.1:${script.base + 162}/version`)).rejects.toThrow("fetch failed");
      const plain = await fetch(`http://127.0.0.1:${script.base + 151}/ping`);
      expect({ status: plain.status, text: await plain.text() }).toEqual({
        status: 400,
        text: expect.stringContaining("Client sent an HTTP request to an HTTPS server"),
      });
      // Every node runs with TLS on for gRPC, etcd and NSQ, and with etcd's user and password.
      for (const p of started.filter((p) => /cmd\/(conn|logic|job)\/main\.ts/.test(p.cmd))) {
        const env = readFileSync(`/proc/${p.pid}/environ`, "utf8").split("\0");
        const tier = /cmd\/(\w+)\//.exec(p.cmd)![1]!.toUpperCase();
        for (const link of ["GRPC", "ETCD", "NSQ"]) expect(env).toContain(`ROOMCAST_${tier}_TLS_${link}=true`);
        expect(env).toContain(`ROOMCAST_${tier}_TLS_CA=${path.join(pki, "ca.pem")}`);
        expect(env).toContain(`ROOMCAST_${tier}_DISCOVERY_ETCD_USER=roomcast`);
      }

      // A user's way in: tokens from POST /tk (dev), a client on conn-0, a push through logic-1, NSQ, job and gRPC.
      const tk = async (body: object) => {
        const res = await fetch(`http://127.0.0.1:${script.base + 11}/tk`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        });
        expect(res.status).toBe(200);
        return ((await res.json()) as { data: string }).data;
      };
      const room = `tls-${Date.now()}`;
      const client = await RoomClient.join(`ws://127.0.0.1:${script.base + 2}/room`, await tk({ uid: "alice" }), room);
      try {
        const push = await tk({ uid: "svc", scope: "push" });
        const res = await fetch(`http://127.0.0.1:${script.base + 111}/msg`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${push}` },
          body: JSON.stringify({ room_id: room, msg: "over TLS" }),
        });
        expect({ status: res.status, body: await res.json() }).toMatchObject({ status: 200, body: { code: 1 } });
        const got = await client.waitForMessages(1, 20_000);
        expect(got.map((m) => m.text)).toEqual(["over TLS"]);
      } finally {
        client.close();
      }

      script.proc.child.kill("SIGINT");
      expect(await exitWithin(script.proc, STOP_MS)).toBe(0);
      expect(script.proc.output()).toContain("stopped.");
      await expectNothingLeft(script, started);
    },
    TEST_MS,
  );

  it(
    "a node killed with -9 is reported and started again, and so are nsqd and etcd; the others keep their pids; SIGTERM still leaves nothing",
    async () => {
      const script = (current = await startScript());
      const started = startedBy(script);
      const nodeOf = (p: ProcInfo) => /ROOMCAST_\w*NODE_ID=([a-z]+-\d)/.exec(readFileSync(`/proc/${p.pid}/environ`, "utf8"))?.[1];
      const victim = started.find((p) => p.cmd.includes("cmd/logic/main.ts") && nodeOf(p) === "logic-1")!;
      expect(victim).toBeDefined();
      const logic1 = `http://127.0.0.1:${script.base + 111}`;
      process.kill(victim.pid, "SIGKILL");
      await script.proc.waitFor("roomcast: logic-1 exited on signal KILL", 30_000);
      await script.proc.waitFor(/roomcast: logic-1 started again \(pid \d+\)/, 30_000);
      expect(script.proc.output()).toContain(`its log: ${path.join(script.data, "logs", "logic-1.log")}`);
      // A new process that serves again on logic-1's port; every other process kept its pid.
      const tk = async (base: string) =>
        (await fetch(`${base}/tk`, { method: "POST", body: JSON.stringify({ uid: "u" }) }).catch(() => undefined))?.status;
      await until("logic-1 serves again", async () => (await tk(logic1)) === 200, 60_000);
      const now = descendants(script.proc.child.pid!);
      const again = now.find((p) => p.cmd.includes("cmd/logic/main.ts") && nodeOf(p) === "logic-1");
      expect(again?.pid).toBeDefined();
      expect(again!.pid).not.toBe(victim.pid);
      // The script's own children: the nodes, nsqd, nsqlookupd and etcd (not their helpers, such as tsx's esbuild).
      const supervised = /^(nsqd|nsqlookupd|etcd) |cmd\/(conn|logic|job)\/main\.ts/;
      const others = started.filter((p) => p.ppid === script.proc.child.pid && supervised.test(p.cmd) && p.pid !== victim.pid);
      expect(others).toHaveLength(10);
      expect(others.filter((p) => !now.some((n) => n.pid === p.pid && n.start === p.start)).map((p) => p.cmd)).toEqual([]);

      // nsqd too: started again on its data, and a POST /msg goes through it once logic reconnects.
      const nsqd = now.find((p) => p.cmd.startsWith("nsqd ") && p.cmd.includes(`${path.join(script.data, "nsqd")} `))!;
      process.kill(nsqd.pid, "SIGKILL");
      await script.proc.waitFor("roomcast: nsqd exited on signal KILL", 30_000);
      await script.proc.waitFor(/roomcast: nsqd started again \(pid \d+\)/, 30_000);
      const push = await (await fetch(`${logic1}/tk`, { method: "POST", body: JSON.stringify({ uid: "svc", scope: "push" }) })).json();
      const posted = async () =>
        (
          await fetch(`http://127.0.0.1:${script.base + 11}/msg`, {
            method: "POST",
            headers: { authorization: `Bearer ${(push as { data: string }).data}` },
            body: JSON.stringify({ room_id: "after-nsqd", msg: "x" }),
          })
        ).status;
      await until("POST /msg is answered 200 again", async () => (await posted()) === 200, 60_000);

      // And etcd: started again on its data, the nodes' registrations are still there (GET /nodes lists both conn nodes).
      const etcd = descendants(script.proc.child.pid!).find((p) => p.cmd.startsWith("etcd "))!;
      process.kill(etcd.pid, "SIGKILL");
      await script.proc.waitFor("roomcast: etcd exited on signal KILL", 30_000);
      await script.proc.waitFor(/roomcast: etcd started again \(pid \d+\)/, 30_000);
      const connUrls = [0, 100].map((o) => `ws://127.0.0.1:${script.base + o + 2}/room`);
      const listed = async () => {
        const res = await fetch(`${logic1}/nodes`).catch(() => undefined);
        return res?.ok ? ((await res.json()) as { data: { nodes: string[] } }).data.nodes.sort() : [];
      };
      await until("GET /nodes lists both conn nodes after etcd's restart", async () => (await listed()).join() === connUrls.join(), 60_000);
      await until("POST /msg is answered 200", async () => (await posted()) === 200, 60_000);
      expect(script.proc.child.exitCode).toBeNull();

      const before = descendants(script.proc.child.pid!);
      script.proc.child.kill("SIGTERM");
      expect(await exitWithin(script.proc, STOP_MS)).toBe(0);
      expect(script.proc.output()).toContain("stopped.");
      await expectNothingLeft(script, [...started, ...before]);
    },
    TEST_MS + 60_000,
  );
});
