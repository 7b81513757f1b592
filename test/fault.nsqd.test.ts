// IMPORTANT messages and the death of nsqd. An IMPORTANT message answered 200 is in the disk queues of two nsqd
// (logic's queue.secondNsqdTcp, as pnpm cluster runs them), so kill -9 of either loses nothing, not even what the
// killed one held only in memory or had not synced yet, and each member still gets it once.
import { queue as queueProto } from "@roomcast/api";
import { defaultJobConfig } from "@roomcast/internal/job";
import { NsqQueue } from "@roomcast/pkg/queue";
import { Tokens } from "@roomcast/pkg/token";
import { startCluster, type Cluster } from "./harness/cluster";
import { RoomClient } from "./harness/room_client";
import { TOKEN_SECRET } from "./harness/roomcast";
import { post } from "./suite/protocol";
import { sleep, until } from "./support/wait";

const tokens = new Tokens({ secret: TOKEN_SECRET, ttlSec: 600 });
const svc = tokens.sign("svc", "push");
const { topicImportant, channel } = defaultJobConfig().queue;

/** Messages an nsqd holds for the IMPORTANT topic: in the topic and in its channels, queued, deferred or in flight. */
async function importantHeld(nsqdHttp: string): Promise<number> {
  const res = await fetch(`http://${nsqdHttp}/stats?format=json&topic=roomcast.important`);
  type Channel = { depth: number; deferred_count: number; in_flight_count: number };
  const stats = (await res.json()) as { topics?: Array<{ topic_name: string; depth: number; channels: Channel[] }> };
  const topic = (stats.topics ?? []).find((t) => t.topic_name === "roomcast.important");
  return topic ? topic.depth + topic.channels.reduce((n, c) => n + c.depth + c.deferred_count + c.in_flight_count, 0) : 0;
}

/** One metric's value summed over the given /metrics URLs (each must export it). */
async function metricSum(urls: string[], name: string, labels: Record<string, string> = {}): Promise<number> {
  let sum = 0;
  for (const url of urls) {
    const text = await (await fetch(url)).text();
    if (!text.includes(`# TYPE ${name} `)) throw new Error(`${url} has no ${name}`);
    for (const line of text.split("\n"))
      if (line.startsWith(name) && Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)))
        sum += Number(line.split(" ").pop());
  }
  return sum;
}

const postMsg = (c: Cluster, room: string, msg: string) => post(`${c.httpUrls[0]}/msg`, { room_id: room, msg }, { authorization: svc });

describe("IMPORTANT messages on two nsqd", () => {
  let cluster: Cluster;
  const clients: RoomClient[] = [];
  beforeAll(async () => {
    // A lease longer than the freeze below, and a heartbeat timeout too: conn-1 is only slow, never gone.
    cluster = await startCluster({
      conns: 2,
      logics: 1,
      jobs: 1,
      ttlSec: 20,
      secondNsqd: true,
      connEnv: { ROOMCAST_CONN_WS_HEARTBEAT_TIMEOUT_SEC: "60" },
    });
  }, 90_000);
  afterAll(async () => {
    for (const c of clients) c.terminate();
    await cluster?.stop();
  });
  const member = async (conn: number, uid: string, room: string) => {
    const m = (await RoomClient.join(cluster.wsUrls[conn]!, tokens.sign(uid), room)).keepAlive(1000);
    clients.push(m);
    return m;
  };
  const count = (m: RoomClient, text: string) => m.received.filter((r) => r.text === text).length;

  it("reach each member once, though both copies are pushed", async () => {
    const room = `two-copies-${Date.now()}`;
    const members = [await member(0, "a", room), await member(1, "b", room)];
    const texts = Array.from({ length: 20 }, (_, i) => `copy-${i}`);
    for (const t of texts) expect((await postMsg(cluster, room, t)).status).toBe(200);
    await until("every member has every message", () => members.every((m) => texts.every((t) => count(m, t) > 0)), 30_000);
    // Both nsqd hand every message to job, and each copy is pushed: conn delivers the second one to nobody.
    await until(
      "both nsqd handed every message on",
      async () =>
        (await metricSum(
          cluster.connOpsUrls.map((u) => `${u}/metrics`),
          "roomcast_conn_important_repeats_total",
        )) >= 40,
      30_000,
    );
    await sleep(500);
    for (const m of members) expect(texts.map((t) => count(m, t))).toEqual(texts.map(() => 1));
  }, 90_000);

  it("a message nsqd held only in memory (waiting to be retried for a frozen conn node) survives kill -9 of that nsqd", async () => {
    const room = `deferred-${Date.now()}`;
    const [a, b] = [await member(0, "a", room), await member(1, "b", room)];
    const requeued = () => metricSum(cluster.jobMetricsUrls, "roomcast_job_messages_total", { level: "important", result: "requeued" });
    const before = await requeued();
    cluster.conns[1]!.child.kill("SIGSTOP");
    try {
      expect((await postMsg(cluster, room, "red envelope #7")).status).toBe(200);
      await until("a gets it", () => count(a!, "red envelope #7") === 1, 15_000);
      // Pushes to the frozen node time out and the message is requeued with a delay: nsqd then holds it in memory
      // only (deferred, or in flight to job), not in its disk queue.
      await until("job requeued it", async () => (await requeued()) > before, 15_000);
      await cluster.nsqd.kill9();
      await cluster.restartNsqd();
      // What job held from the dead nsqd cannot be requeued there any more; let its push to the frozen node fail.
      await sleep(4_000);
    } finally {
      cluster.conns[1]!.child.kill("SIGCONT");
    }
    await until("b on the node that was frozen gets it", () => count(b!, "red envelope #7") > 0, 30_000);
    await sleep(500);
    expect([count(a!, "red envelope #7"), count(b!, "red envelope #7")]).toEqual([1, 1]);
    // The copy that came through: the second nsqd's.
    expect(await importantHeld(cluster.secondNsqdHttp!)).toBe(0);
  }, 120_000);

  it("a message no job took yet survives kill -9 of nsqd right after the 200 (last: it stops the job)", async () => {
    // No job consumes: the message waits in nsqd, as it does while job nodes are down or behind.
    expect(await cluster.jobs[0]!.stop()).toBe(0);
    const room = `nsqd-kill-${Date.now()}`;
    const r = await postMsg(cluster, room, "order #1");
    expect(r.status).toBe(200);
    // Killed at once, before its 100 ms sync (alone, nsqd may restart without it), and restarted on its data.
    await cluster.nsqd.kill9();
    await cluster.restartNsqd();
    // job's channel hands it out, from the second nsqd if not from the first, to a reader as job reads it.
    const reader = new NsqQueue({ lookupdHttpAddresses: [cluster.lookupdHttp], lookupdPollIntervalSec: 1 });
    const got: string[] = [];
    try {
      await reader.subscribe(topicImportant, channel, async (m) => {
        const msg = queueProto.RoomMsg.decode(m.body);
        got.push(`${msg.roomID}: ${Buffer.from(msg.data).toString()}`);
      });
      await until("the message comes out", () => got.length > 0, 30_000);
      await sleep(1_000);
    } finally {
      await reader.close();
    }
    expect(new Set(got)).toEqual(new Set([`${room}: order #1`]));
  }, 60_000);
});
