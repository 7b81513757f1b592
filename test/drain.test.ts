// A conn node's SIGTERM drains: it stops accepting, closes its sockets with 4004 in waves over ws.drainSec while job
// still delivers to the members not closed yet, and exits 0; SDK clients come back on another node after a random
// delay (README, "Close codes" and "Running a cluster across machines").
import WebSocket from "ws";
import { RoomcastClient, CloseCode } from "@roomcast/client";
import { Tokens } from "@roomcast/pkg/token";
import { TOKEN_SECRET } from "./harness/roomcast";
import { startCluster, type Cluster } from "./harness/cluster";
import { RoomClient } from "./harness/room_client";
import { killAll } from "./harness/proc";
import { post } from "./suite/protocol";
import { until } from "./support/wait";

jest.setTimeout(180_000);

const tokens = new Tokens({ secret: TOKEN_SECRET, ttlSec: 600 });
const pushToken = tokens.sign("svc", "push");
const DRAIN_SEC = 6;
const room = (tag: string) => `drain-${tag}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
const pushMsg = (http: string, roomID: string, msg: string) => post(`${http}/msg`, { room_id: roomID, msg }, { Authorization: pushToken });

describe("a conn node's drain on SIGTERM", () => {
  let cluster: Cluster;
  const sdkClients: RoomcastClient[] = [];
  const raw: RoomClient[] = [];
  beforeAll(async () => {
    // conn 0 and conn 1 are drained, one per test; conn 2 is where the SDK clients go.
    cluster = await startCluster({ conns: 3, logics: 1, jobs: 1, connEnv: { ROOMCAST_CONN_WS_DRAIN_SEC: String(DRAIN_SEC) } });
  }, 120_000);
  afterAll(async () => {
    for (const c of sdkClients) c.close();
    for (const c of raw) c.terminate();
    await cluster?.stop();
    await killAll();
  });

  it("200 members are closed with 4004 in waves spread over ws.drainSec, get room messages until their wave, and the node exits 0", async () => {
    const r = room("waves");
    const url = cluster.wsUrls[0]!;
    // Signed in 20 at a time; the test cluster closes a socket silent for 4 s, so each beats every second.
    for (let i = 0; i < 200; i += 20) {
      const batch = await Promise.all(Array.from({ length: 20 }, (_, j) => RoomClient.join(url, tokens.sign(`m${i + j}`), r)));
      raw.push(...batch.map((c) => c.keepAlive(1_000)));
    }
    // The pipeline is warm (job owns the room's messages and pushes here) before the node is stopped.
    expect((await pushMsg(cluster.httpUrls[0]!, r, "before the drain")).json.code).toBe(1);
    await Promise.all(raw.map((c) => c.waitForMessages((got) => got.some((m) => m.text === "before the drain"), 30_000)));

    const closedAt: number[] = [];
    const closes = raw.map((c, i) =>
      c.closed.then((info) => {
        closedAt[i] = Date.now();
        return info;
      }),
    );
    const stoppedAt = Date.now();
    const exit = cluster.conns[0]!.stop(30_000);
    // Once the first wave is gone, a message to the room: the node is still registered, so job delivers it here.
    await until("the first wave closed", () => closedAt.some((t) => t !== undefined), 20_000);
    const during = "during the drain";
    const got = (c: RoomClient) => c.received.some((m) => m.text === during);
    expect((await pushMsg(cluster.httpUrls[0]!, r, during)).json.code).toBe(1);
    await until("a member still open got the message posted during the drain", () => raw.some(got), 30_000);
    const firstGot = Date.now();

    const infos = await Promise.all(closes);
    expect(await exit).toBe(0);
    expect(infos.every((i) => i.code === CloseCode.DRAINING)).toBe(true);
    const first = Math.min(...closedAt);
    const last = Math.max(...closedAt);
    // Spread over the period, not all at once (a count of distinct waves would depend on timing; the span does not).
    expect(last - first).toBeGreaterThanOrEqual(0.4 * DRAIN_SEC * 1000);
    expect(last - stoppedAt).toBeLessThan((DRAIN_SEC + 10) * 1000);
    // Members still open when the message came got it before their wave closed them (conn fans a batch out to every
    // member at once; the half second only absorbs this process's own event-loop delays).
    const missed = raw.map((c, i) => (closedAt[i]! > firstGot + 500 && !got(c) ? i : -1)).filter((i) => i >= 0);
    expect(missed).toEqual([]);
  });

  it("SDK clients of a draining node reconnect to another node after random delays within drainDelayMs and receive again", async () => {
    const r = room("sdk");
    const [, draining, other] = cluster.wsUrls as [string, string, string];
    const drainDelayMs = 2_000;
    const delays: number[] = [];
    const moved: Array<Promise<string>> = [];
    const got: string[][] = [];
    for (let i = 0; i < 12; i++) {
      const c = new RoomcastClient({
        url: [draining, other],
        room: r,
        token: tokens.sign(`s${i}`),
        WebSocket,
        heartbeatIntervalMs: 1_000,
        reconnect: { minDelayMs: 200, maxDelayMs: 1_000, drainDelayMs },
      });
      sdkClients.push(c);
      const texts: string[] = [];
      got.push(texts);
      c.on("message", (m) => texts.push(m.text()));
      await c.connect();
      expect(c.url).toBe(draining);
      const lost = new Promise<number>((resolve) => c.once("disconnected", ({ code }) => resolve(code)));
      c.once("reconnecting", ({ delayMs }) => delays.push(delayMs));
      moved.push(lost.then((code) => new Promise((resolve) => c.once("connected", ({ url }) => resolve(`${code} ${url}`)))));
    }
    expect(await cluster.conns[1]!.stop(30_000)).toBe(0);
    expect(await Promise.all(moved)).toEqual(sdkClients.map(() => `${CloseCode.DRAINING} ${other}`));
    expect(delays).toHaveLength(12);
    for (const d of delays) {
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThanOrEqual(drainDelayMs);
    }
    // Random, not one shared delay.
    expect(new Set(delays).size).toBeGreaterThan(1);
    await until("every client signed in on the other node", () => sdkClients.every((c) => c.state === "connected"), 20_000);
    // The room is new on the other node for most of them; once each sign-in was answered, logic routes there.
    expect((await pushMsg(cluster.httpUrls[0]!, r, "after the drain")).json.code).toBe(1);
    await until("every client got the message", () => got.every((t) => t.includes("after the drain")), 20_000);
  });
});
