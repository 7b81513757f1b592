// README promises checked on a real cluster (2 conn, 1 logic, 2 job on real nsqd, nsqlookupd, etcd) that the
// protocol suite does not cover: one room and one level per delivery frame, the CLI pointed at a logic node,
// 500 while the queue is down and recovery once it is back, and a job node's SIGTERM.
import * as path from "node:path";
import { execFile } from "node:child_process";
import { Etcd3 } from "etcd3";
import { MsgLevel } from "@roomcast/pkg/protocol";
import { Tokens } from "@roomcast/pkg/token";
import { repoRoot } from "./harness/bin";
import { startProc } from "./harness/proc";
import { RoomClient, type Received } from "./harness/room_client";
import { TOKEN_SECRET } from "./harness/roomcast";
import { startCluster, type Cluster } from "./harness/cluster";
import { eventually, sleep } from "./support/wait";

// A lease TTL far above every wait below: a key that leaves etcd within these tests was revoked, not expired.
const TTL_SEC = 60;

let cluster: Cluster;
const tokens = new Tokens({ secret: TOKEN_SECRET, ttlSec: 600 });
const svc = tokens.sign("svc", "push");
const clients: RoomClient[] = [];

beforeAll(async () => {
  cluster = await startCluster({ conns: 2, logics: 1, jobs: 2, ttlSec: TTL_SEC });
}, 120_000);

afterEach(() => {
  for (const c of clients.splice(0)) c.terminate();
});

afterAll(async () => {
  await cluster?.stop();
}, 60_000);

const roomOf = (tag: string) => `${tag}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;

async function join(url: string, uid: string, room: string): Promise<RoomClient> {
  const c = (await RoomClient.join(url, tokens.sign(uid), room)).keepAlive(1000);
  clients.push(c);
  return c;
}

async function postMsg(room: string, msg: string): Promise<{ status: number; code: number }> {
  const res = await fetch(`${cluster.httpUrls[0]}/msg`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: svc },
    body: JSON.stringify({ room_id: room, msg }),
  });
  return { status: res.status, code: ((await res.json()) as { code: number }).code };
}

async function etcdKeys(): Promise<string[]> {
  const client = new Etcd3({ hosts: cluster.etcdEndpoint });
  try {
    return Object.keys(await client.getAll().prefix("/roomcast/").strings());
  } finally {
    client.close();
  }
}

const texts = (r: Received[]) => r.map((m) => m.text);

describe("one delivery frame holds one room and one level", () => {
  it("two rooms' NORMAL and IMPORTANT messages sent in the same window arrive in frames of their own room and level", async () => {
    const rooms = [roomOf("frame-a"), roomOf("frame-b")];
    // A member of each room on each conn node; the first of each room also sends.
    const members = new Map<string, RoomClient[]>();
    for (const room of rooms) members.set(room, await Promise.all(cluster.wsUrls.map((url, i) => join(url, `${room}-m${i}`, room))));
    const N = 15;
    const I = 5;
    const posts: Promise<{ status: number; code: number }>[] = [];
    for (let i = 0; i < N; i++) {
      for (const room of rooms) {
        members.get(room)![0]!.say(room, `${room}|normal|${i}`);
        if (i < I) posts.push(postMsg(room, `${room}|important|${i}`));
      }
    }
    expect(await Promise.all(posts)).toEqual(posts.map(() => ({ status: 200, code: 1 })));

    let largestNormalFrame = 0;
    for (const room of rooms) {
      const want = [
        ...Array.from({ length: N }, (_, i) => `${room}|normal|${i}`),
        ...Array.from({ length: I }, (_, i) => `${room}|important|${i}`),
      ].sort();
      // On a timeout the checks below say what went wrong: a frame of another room or level.
      const gots = await Promise.all(members.get(room)!.map((c) => c.waitForMessages(N + I, 20_000).catch(() => c.received)));
      for (const [i, c] of members.get(room)!.entries()) {
        const got = gots[i]!;
        // Every message this member got came in a frame of its room and its level, and it got each one once.
        for (const m of got) {
          expect({ text: m.text, roomID: m.roomID }).toEqual({ text: m.text, roomID: m.text.split("|")[0] });
          const level = m.text.split("|")[1] === "important" ? MsgLevel.IMPORTANT : MsgLevel.NORMAL;
          expect({ text: m.text, msgLv: m.msgLv }).toEqual({ text: m.text, msgLv: level });
          if (level === MsgLevel.NORMAL) largestNormalFrame = Math.max(largestNormalFrame, m.batchSize);
        }
        expect(texts(got).sort()).toEqual(want);
        expect(c.pendingErrs()).toBe(0);
      }
    }
    // The window did merge messages, so the frames above could have mixed rooms or levels.
    expect(largestNormalFrame).toBeGreaterThan(1);
  }, 60_000);
});

describe("the CLI pointed at a logic node", () => {
  const cliArgs = (args: string[]) => [
    "--import",
    "tsx",
    path.join(repoRoot, "cmd/roomcast/main.ts"),
    "--http",
    cluster.httpUrls[0]!,
    ...args,
  ];
  const env = { ...process.env, ROOMCAST_LOGIC_TOKEN_SECRET: TOKEN_SECRET };
  const cli = (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
    new Promise((resolve) =>
      execFile(process.execPath, cliArgs(args), { cwd: repoRoot, env, timeout: 30_000 }, (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      ),
    );

  it("GET /nodes lists the ws URL of every conn node", async () => {
    const body = (await (await fetch(`${cluster.httpUrls[0]}/nodes`)).json()) as { code: number; data: { nodes: string[] } };
    expect(body.code).toBe(1);
    expect([...body.data.nodes].sort()).toEqual([...cluster.wsUrls].sort());
  }, 15_000);

  it("tail, say and push reach members on every conn node; members counts across the cluster", async () => {
    const room = roomOf("cli");
    // One raw member on each conn node, whichever of them the CLI dials.
    const [m0, m1] = await Promise.all(cluster.wsUrls.map((url, i) => join(url, `cli-m${i}`, room)));
    const tail = startProc("tail", process.execPath, cliArgs(["tail", "--room", room, "--count", "2"]), env, repoRoot);
    try {
      await tail.waitFor(`joined ${room}`, 20_000);
      expect(await cli("say", "--raw", "--room", room, "hello", "from", "the", "cli")).toMatchObject({ code: 0, stdout: "ok\n" });
      expect(await cli("push", "--room", room, "order 7 shipped")).toMatchObject({ code: 0, stdout: "ok\n" });
      expect(await Promise.race([tail.exited, sleep(20_000, "still running", { ref: false })])).toBe(0);
    } finally {
      await tail.stop();
    }
    const printed = tail
      .output()
      .split("\n")
      .filter((l) => l.includes("\t"));
    expect(printed).toEqual([`normal\t${room}\thello from the cli`, `IMPORTANT\t${room}\torder 7 shipped`]);
    for (const got of await Promise.all([m0!, m1!].map((m) => m.waitForMessages(2, 10_000)))) {
      expect(got.map((r) => `${r.msgLv} ${r.text}`).sort()).toEqual([
        `${MsgLevel.NORMAL} hello from the cli`,
        `${MsgLevel.IMPORTANT} order 7 shipped`,
      ]);
    }
    // The two raw members (one per conn node) and the CLI's own connection; counts are a few seconds stale at most.
    const members = await eventually(async () => (await cli("members", "--room", room)).stdout, "3\n", 20_000, 200);
    expect(members).toBe("3\n");
  }, 150_000);
});

describe("the queue (nsqd) down and back", () => {
  it("MESSAGE answers 500 while nsqd is down (sign-in and the connection live on); after nsqd returns, messages flow again", async () => {
    const room = roomOf("nsqd");
    const a = await join(cluster.wsUrls[0]!, "a", room);
    const b = await join(cluster.wsUrls[1]!, "b", room);
    a.say(room, "before");
    for (const c of [a, b]) expect(texts(await c.waitForMessages(1, 10_000))).toEqual(["before"]);

    // SIGTERM: nsqd keeps its topics and channels in its data folder for the restart.
    expect(await cluster.nsqd.stop()).toBe(0);
    let late: RoomClient | undefined;
    try {
      a.say(room, "while down");
      expect((await a.nextErr(10_000)).code).toBe(500);
      expect(await postMsg(room, "while down, pushed")).toEqual({ status: 503, code: 0 });
      // Signing in needs logic, not the queue.
      late = await RoomClient.connect(cluster.wsUrls[1]!);
      clients.push(late.keepAlive(1000));
      expect((await late.signIn(tokens.sign("late"), room)).code).toBe(0);
      b.say(room, "still down");
      expect((await b.nextErr(10_000)).code).toBe(500);
      expect(await a.heartbeat()).toBe("pong");
      expect(a.open && b.open && late.open).toBe(true);
    } finally {
      await cluster.restartNsqd();
    }

    // Back on the same ports and data: the next message and the next POST /msg get through, to every member.
    a.say(room, "after");
    expect(await postMsg(room, "after, pushed")).toEqual({ status: 200, code: 1 });
    const arrived = (r: Received[]) => r.some((m) => m.text === "after") && r.some((m) => m.text === "after, pushed");
    const gots = await Promise.all([a, b, late!].map((c) => c.waitForMessages(arrived, 30_000)));
    for (const got of gots) {
      // What was refused with 500 or 503 never arrives (checked once the later messages are in).
      expect(texts(got).filter((t) => t !== "before")).toEqual(expect.arrayContaining(["after", "after, pushed"]));
      expect(texts(got).filter((t) => t.includes("down"))).toEqual([]);
    }
    expect(a.pendingErrs() + b.pendingErrs() + late!.pendingErrs()).toBe(0);
  }, 120_000);
});

describe("a job node stopped with SIGTERM", () => {
  it("exits 0 and its etcd key is gone at once (revoked, long before the lease TTL), while the other job node delivers", async () => {
    const keys = await etcdKeys();
    const key = keys.find((k) => k.endsWith("/job/job-1"));
    expect(key).toBeDefined();
    expect(keys.filter((k) => k.endsWith("/job/job-0"))).toHaveLength(1);

    expect(await cluster.jobs[1]!.stop()).toBe(0);
    const after = await etcdKeys();
    expect(after).not.toContain(key);
    expect(after.filter((k) => k.endsWith("/job/job-0"))).toHaveLength(1);

    const room = roomOf("jobterm");
    const a = await join(cluster.wsUrls[0]!, "a", room);
    a.say(room, "normal after");
    expect(await postMsg(room, "important after")).toEqual({ status: 200, code: 1 });
    expect(texts(await a.waitForMessages(2, 20_000)).sort()).toEqual(["important after", "normal after"]);
  }, 60_000);
});
