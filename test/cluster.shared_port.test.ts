// Several conn processes on one WebSocket port (README: "run several conn processes per host on the same WebSocket
// port"): the kernel spreads the connections, and members on every process hear the room and each other.
import * as http from "node:http";
import { Tokens } from "@roomcast/pkg/token";
import { RoomClient } from "./harness/room_client";
import { TOKEN_SECRET } from "./harness/roomcast";
import { startCluster, type Cluster } from "./harness/cluster";
import { eventually, until } from "./support/wait";

let cluster: Cluster;
const tokens = new Tokens({ secret: TOKEN_SECRET, ttlSec: 600 });
const clients: RoomClient[] = [];

beforeAll(async () => {
  cluster = await startCluster({ conns: 2, logics: 1, jobs: 1, sharedWsPort: true });
}, 120_000);

afterAll(async () => {
  for (const c of clients) c.terminate();
  await cluster?.stop();
}, 60_000);

/** GET over a new TCP connection each time, so the kernel may hand it to either process. */
function getFresh(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (body += c));
        res.on("end", () => resolve(body));
      })
      .on("error", reject);
  });
}

/** Successful sign-ins so far, by conn process (read from each one's /metrics on its own ops listener). */
async function signInsByNode(): Promise<Map<string, number>> {
  const seen = new Map<string, number>();
  await until(
    "both conn processes answered GET /metrics on their ops listeners",
    async () => {
      for (const url of cluster.connOpsUrls) {
        const text = await getFresh(`${url}/metrics`);
        const line = text.split("\n").find((l) => l.startsWith("roomcast_conn_sign_ins_total{"));
        const node = line && /node="([^"]+)"/.exec(line)?.[1];
        if (node) seen.set(node, Number(line.split(" ").pop()));
      }
      return seen.size >= 2;
    },
    20_000,
    0,
  );
  return seen;
}

describe("conn processes sharing one WebSocket port", () => {
  it("GET /nodes lists the one shared ws URL", async () => {
    expect(cluster.conns).toHaveLength(2);
    const body = (await (await fetch(`${cluster.httpUrls[0]}/nodes`)).json()) as { data: { nodes: string[] } };
    expect(new Set(body.data.nodes)).toEqual(new Set(cluster.wsUrls));
    expect(cluster.wsUrls).toHaveLength(1);
  }, 30_000);

  it("members on both processes get each other's messages and POST /msg, and MEMBERS counts them all", async () => {
    const url = cluster.wsUrls[0]!;
    const room = `shared-${Date.now()}`;
    const before = await signInsByNode();
    // Join until each process holds at least one member of the room (the kernel picks the process per connection).
    let gained = new Map<string, number>();
    while (clients.length < 4 || [...gained.values()].filter((n) => n > 0).length < 2) {
      if (clients.length >= 40) break;
      clients.push((await RoomClient.join(url, tokens.sign(`u${clients.length}`), room)).keepAlive(1000));
      if (clients.length >= 4) {
        const now = await signInsByNode();
        gained = new Map([...now].map(([node, n]) => [node, n - (before.get(node) ?? 0)]));
      }
    }
    expect([...gained.keys()].sort()).toEqual(["conn-0", "conn-1"]);
    for (const [node, n] of gained) expect({ node, joined: n > 0 }).toEqual({ node, joined: true });
    expect([...gained.values()].reduce((a, b) => a + b, 0)).toBe(clients.length);

    clients.forEach((c, i) => c.say(room, `from u${i}`));
    const res = await fetch(`${cluster.httpUrls[0]}/msg`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: tokens.sign("svc", "push") },
      body: JSON.stringify({ room_id: room, msg: "pushed" }),
    });
    expect(res.status).toBe(200);
    const want = [...clients.map((_, i) => `from u${i}`), "pushed"].sort();
    const gots = await Promise.all(clients.map((c) => c.waitForMessages(want.length, 20_000)));
    for (const [i, got] of gots.entries()) {
      expect(got.map((m) => m.text).sort()).toEqual(want);
      expect(clients[i]!.pendingErrs()).toBe(0);
    }
    // Counts are a few seconds stale at most.
    for (const c of [clients[0]!, clients[clients.length - 1]!])
      expect(await eventually(() => c.members(), clients.length, 15_000, 200)).toBe(clients.length);
  }, 120_000);
});
