// The queue contract against real nsqd and nsqlookupd processes, plus what only a real nsqd can show.
import { NsqQueue, PublishTimeoutError, type NsqQueueOptions, type QueueMessage } from "../pkg/queue";
import type { Logger } from "../pkg/log";
import { Readiness } from "../pkg/lifecycle";
import { queueContract } from "./contract/queue";
import { sleep, until } from "./support/wait";
import { startNsq, type Nsq } from "./harness/nsq";
import { silentServer } from "./support/silent_server";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

let nsq: Nsq;
beforeAll(async () => {
  nsq = await startNsq();
}, 30_000);
afterAll(async () => {
  await nsq?.stop();
});

const freshTopic = () => `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

const client = (clientId: string, more: Partial<NsqQueueOptions> = {}) =>
  new NsqQueue({
    nsqdTcpAddress: nsq.nsqdTcp,
    nsqdHttpAddress: nsq.nsqdHttp,
    lookupdHttpAddresses: [nsq.lookupdHttp],
    lookupdPollIntervalSec: 1,
    clientId,
    ...more,
  });

interface ChannelStats {
  channel_name: string;
  depth: number;
  in_flight_count: number;
  requeue_count: number;
  timeout_count: number;
  message_count: number;
}

/** What nsqd itself counts for one channel (GET /stats). */
async function channelStats(topic: string, channel: string): Promise<ChannelStats> {
  const res = await fetch(`http://${nsq.nsqdHttp}/stats?format=json&topic=${topic}&channel=${channel}`);
  const json = (await res.json()) as { topics: Array<{ topic_name: string; channels: ChannelStats[] }> };
  const ch = json.topics.find((t) => t.topic_name === topic)?.channels.find((c) => c.channel_name === channel);
  if (!ch) throw new Error(`nsqd has no channel ${topic}/${channel}`);
  return ch;
}

queueContract(
  "nsq",
  async () => {
    const queue = client("producer");
    const other = client("consumer");
    return {
      queue,
      other,
      async cleanup() {
        await other.close();
        await queue.close();
      },
    };
  },
  20_000,
);

describe("NsqQueue on a real nsqd", () => {
  jest.setTimeout(60_000);
  let q: NsqQueue;
  afterEach(async () => {
    await q?.close();
  });

  it("nsqd redelivers (REQ) a message whose handler throws until the handler succeeds", async () => {
    q = client("req");
    const topic = freshTopic();
    const seen: QueueMessage[] = [];
    await q.subscribe(
      topic,
      "c",
      async (m) => {
        seen.push(m);
        if (m.attempts < 3) throw new Error(`attempt ${m.attempts} fails`);
      },
      { backoffMs: 100 },
    );
    await q.publish(topic, Buffer.from("third time lucky"));
    // Finished (FIN) on the third attempt: nothing can redeliver it after that.
    await until("the message is finished", () => q.stats().finished === 1, 20_000);
    await until("nsqd to have the FIN", async () => (await channelStats(topic, "c")).in_flight_count === 0, 5_000);
    expect(seen.map((m) => [m.attempts, m.body.toString()])).toEqual([
      [1, "third time lucky"],
      [2, "third time lucky"],
      [3, "third time lucky"],
    ]);
    expect(q.stats()).toMatchObject({ published: 1, requeued: 2, finished: 1, dropped: 0 });
    // nsqd saw two REQs and the FIN: nothing waits in the channel or in flight.
    expect(await channelStats(topic, "c")).toMatchObject({ requeue_count: 2, depth: 0, in_flight_count: 0, timeout_count: 0 });
  });

  it("a handler slower than the message timeout is kept alive with TOUCH and not redelivered", async () => {
    // 1 s is nsqd's minimum. nsqd scans a new channel for timeouts only after its 5 s scan-list refresh,
    // so the handler outlasts both.
    q = client("touch", { msgTimeoutMs: 1000 });
    const topic = freshTopic();
    const attempts: number[] = [];
    await q.subscribe(topic, "c", async (m) => {
      attempts.push(m.attempts);
      await sleep(7000);
    });
    await q.publish(topic, Buffer.from("slow"));
    await until("the finish", () => q.stats().finished === 1, 20_000);
    await until("nsqd to have the FIN", async () => (await channelStats(topic, "c")).in_flight_count === 0, 5_000);
    expect(attempts).toEqual([1]);
    expect(await channelStats(topic, "c")).toMatchObject({ timeout_count: 0, in_flight_count: 0, depth: 0 });
  });

  it("publishing to an nsqd that is not there rejects and logs, without crashing", async () => {
    const warnings: unknown[] = [];
    const logger: Logger = {
      debug() {},
      info() {},
      warn: (o: unknown) => void warnings.push(o),
      error: (o: unknown) => void warnings.push(o),
    };
    // Nothing listens on port 1: the connection is refused.
    q = new NsqQueue({ nsqdTcpAddress: "127.0.0.1:1", logger });
    await expect(q.publish("t", Buffer.from("x"))).rejects.toThrow();
    expect(warnings.length).toBeGreaterThan(0);
  });

  it("a publish to an nsqd that accepts but never answers rejects after publishTimeoutMs, and the next one connects anew", async () => {
    const hung = await silentServer();
    try {
      q = new NsqQueue({ nsqdTcpAddress: hung.address, publishTimeoutMs: 500 });
      await expect(q.publish("t", Buffer.from("x"))).rejects.toThrow(PublishTimeoutError);
      // The connection it waited on is closed: nothing is left hanging on it.
      await until("the connection is closed", () => hung.open() === 0, 5_000);
      await expect(q.publish("t", Buffer.from("y"))).rejects.toThrow(
        `nsqd at ${hung.address} did not acknowledge the publish within 500 ms`,
      );
      expect(hung.connections()).toBe(2);
    } finally {
      await q.close();
      await hung.close();
    }
  });

  it("createTopics while nsqd is down resolves and says what waits; the topics are created once nsqd is back", async () => {
    const readiness = new Readiness();
    const warnings: string[] = [];
    const logger: Logger = { debug() {}, info() {}, warn: (_: unknown, msg?: string) => void warnings.push(msg ?? ""), error() {} };
    const topic = freshTopic();
    await nsq.nsqd.stop();
    try {
      q = client("topics-later", { waits: readiness, logger });
      await q.createTopics([topic]);
      const wait = `nsqd's HTTP API at ${nsq.nsqdHttp}: creating topics ${topic}`;
      expect(readiness.waitingFor).toEqual([wait]);
      expect(warnings).toEqual([`nsq: waiting for ${wait} (connection refused); retrying in the background`]);
    } finally {
      await nsq.restartNsqd();
    }
    await until("nothing is waited for", () => readiness.waitingFor.length === 0, 15_000);
    const stats = (await (await fetch(`http://${nsq.nsqdHttp}/stats?format=json&topic=${topic}`)).json()) as {
      topics: Array<{ topic_name: string }>;
    };
    expect(stats.topics.map((t) => t.topic_name)).toEqual([topic]);
  });

  /** One message before nsqd restarts and one after, through `queue` as publisher and subscriber: what it got. */
  async function acrossRestart(queue: NsqQueue, afterWithinMs: number): Promise<string[]> {
    const topic = freshTopic();
    const got: string[] = [];
    await queue.subscribe(topic, "c", async (m) => void got.push(m.body.toString()));
    await queue.publish(topic, Buffer.from("before"));
    await until("the first message", () => got.length === 1, 20_000);
    await nsq.restartNsqd();
    await queue.publish(topic, Buffer.from("after"));
    await until("the message after the restart", () => got.includes("after"), afterWithinMs);
    return got;
  }

  it("the writer reconnects after nsqd restarts, and a subscriber keeps receiving", async () => {
    q = client("restart");
    expect(await acrossRestart(q, 20_000)).toEqual(["before", "after"]);
  });

  it("readers of many topics share one nsqlookupd poll, and each still gets its messages", async () => {
    // nsqlookupd behind a proxy that counts the requests it gets.
    let asked = 0;
    const proxy: Server = createServer((req, res) => {
      asked++;
      fetch(`http://${nsq.lookupdHttp}${req.url}`).then(
        async (r) => res.writeHead(r.status, { "content-type": "application/json" }).end(await r.text()),
        () => res.writeHead(502).end(),
      );
    });
    await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
    try {
      q = client("many-topics", { lookupdHttpAddresses: [`127.0.0.1:${(proxy.address() as AddressInfo).port}`] });
      const topics = Array.from({ length: 10 }, freshTopic);
      const got = new Set<string>();
      for (const t of topics) await q.subscribe(t, "c", async (m) => void got.add(m.body.toString()));
      for (const t of topics) await q.publish(t, Buffer.from(t));
      await until("every topic's message", () => got.size === topics.length, 20_000);
      const from = asked;
      await sleep(4_000);
      // One /nodes a second (the poll interval) for all ten; a poll per reader would be ten a second.
      expect(asked - from).toBeLessThanOrEqual(6);
      expect(asked - from).toBeGreaterThanOrEqual(2);
    } finally {
      proxy.close();
    }
  }, 30_000);

  it("a reader finds its restarted nsqd within seconds, though nsqlookupd is polled only once a minute", async () => {
    q = client("slow-poll", { lookupdPollIntervalSec: 60 });
    expect(await acrossRestart(q, 10_000)).toEqual(["before", "after"]);
  }, 30_000);
});
