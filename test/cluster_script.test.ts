// `pnpm cluster` (deploy/cluster.sh) as a user runs it: whatever stops the script stops every process it started.
// Each test starts the script on ports and a data folder of its own (the script's ROOMCAST_CLUSTER_* knobs), so it
// never touches the default port plan another cluster may use.
import { readFileSync, readdirSync, mkdtempSync, rmSync } from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "./harness/bin";
import { startProc, killAll, type Proc } from "./harness/proc";
import { sleep } from "./support/wait";

const NODES = ["logic-0", "logic-1", "job-0", "job-1", "conn-0", "conn-1"];
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

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
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
 * base+150/151, nsqlookupd base+152/153, etcd base+154/155) and waits until it says it is up.
 */
async function startScript(): Promise<Script> {
  for (let attempt = 1; ; attempt++) {
    const base = 20_000 + 200 * Math.floor(Math.random() * 150);
    const nodePorts = [0, 100].flatMap((o) => [2, 8, 9, 11, 18, 19, 21].map((p) => base + o + p));
    const infraPorts = [150, 151, 152, 153, 154, 155].map((p) => base + p);
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
        ROOMCAST_CLUSTER_LOOKUPD_PORT: String(base + 152),
        ROOMCAST_CLUSTER_ETCD_PORT: String(base + 154),
      },
      repoRoot,
    );
    try {
      await proc.waitFor("roomcast cluster is up", UP_MS);
      await proc.waitFor("Ctrl-C stops everything.", 5_000); // the last line of the up message
      return { proc, data, base, ports };
    } catch (err) {
      // The script stops what it started when it fails; a port another process took in between is worth a retry.
      await proc.exited;
      rmSync(data, { recursive: true, force: true });
      if (attempt >= 3 || !/address already in use|EADDRINUSE|could not listen|bind/i.test(String(err))) throw err;
    }
  }
}

/** The script's children as the test saw them while the cluster was up: 3 infrastructure processes and the 6 nodes. */
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
    "a node that dies stops the whole cluster: the script names the node and its log and exits 1",
    async () => {
      const script = (current = await startScript());
      const started = startedBy(script);
      const victim = started.find((p) => p.cmd.includes("cmd/job/main.ts"))!;
      const env = readFileSync(`/proc/${victim.pid}/environ`, "utf8");
      const node = /ROOMCAST_\w*NODE_ID=(job-\d)/.exec(env)?.[1];
      expect(NODES).toContain(node);
      process.kill(victim.pid, "SIGKILL");
      expect(await exitWithin(script.proc, STOP_MS)).toBe(1);
      const out = script.proc.output();
      expect(out).toContain(`roomcast: ${node} exited on signal KILL`);
      expect(out).toContain(path.join(script.data, "logs", `${node}.log`));
      expect(out).toContain("stopped.");
      await expectNothingLeft(script, started);
    },
    TEST_MS,
  );
});
