// An IMPORTANT message answered 200 is on nsqd's disk before the answer: kill -9 of nsqd does not lose it.
import { Tokens } from "@roomcast/pkg/token";
import { startCluster, type Cluster } from "./harness/cluster";
import { TOKEN_SECRET } from "./harness/roomcast";
import { post } from "./suite/protocol";

const tokens = new Tokens({ secret: TOKEN_SECRET, ttlSec: 600 });
let cluster: Cluster;
beforeAll(async () => {
  cluster = await startCluster({ conns: 1, logics: 1, jobs: 1 });
}, 90_000);
afterAll(() => cluster?.stop());

/** Messages nsqd holds for the IMPORTANT topic: in the topic and in its channels, in memory or on disk. */
async function importantDepth(): Promise<number> {
  const res = await fetch(`http://${cluster.nsqdHttp}/stats?format=json&topic=roomcast.important`);
  const stats = (await res.json()) as { topics?: Array<{ topic_name: string; depth: number; channels: Array<{ depth: number }> }> };
  const topic = (stats.topics ?? []).find((t) => t.topic_name === "roomcast.important");
  return topic ? topic.depth + topic.channels.reduce((n, c) => n + c.depth, 0) : 0;
}

describe("nsqd killed with -9", () => {
  it("keeps an IMPORTANT message that POST /msg answered 200 and no job took yet", async () => {
    // No job consumes: the message waits in nsqd, as it does while job nodes are down or behind.
    expect(await cluster.jobs[0]!.stop()).toBe(0);
    const r = await post(
      `${cluster.httpUrls[0]}/msg`,
      { room_id: `nsqd-kill-${Date.now()}`, msg: "order #1" },
      { authorization: tokens.sign("svc", "push") },
    );
    expect(r.status).toBe(200);
    expect(await importantDepth()).toBe(1);
    await cluster.nsqd.kill9();
    await cluster.restartNsqd();
    expect(await importantDepth()).toBe(1);
  }, 60_000);
});
