// Room order in a cluster (DESIGN §9): with 2 logic and 2 job nodes, one sender's NORMAL messages reach every member
// of the room, on both conn nodes, in the order sent. Rooms hash to partitions and one job node consumes a partition.
// NORMAL messages go through the in-memory nsqd (packed, several to a queue message), none through the one on disk that
// IMPORTANT messages take.
import { Tokens } from "@roomcast/pkg/token";
import { RoomClient } from "./harness/room_client";
import { TOKEN_SECRET } from "./harness/roomcast";
import { startCluster, type Cluster } from "./harness/cluster";
import { sleep, until } from "./support/wait";

let cluster: Cluster;
const tokens = new Tokens({ secret: TOKEN_SECRET, ttlSec: 600 });
const clients: RoomClient[] = [];

/** roomcast_job_partitions of every job node. */
async function partitionsOwned(): Promise<number[]> {
  const out: number[] = [];
  for (const url of cluster.opsUrls) {
    const text = await (await fetch(`${url}/metrics`)).text();
    const line = text.split("\n").find((l) => l.startsWith("roomcast_job_partitions"));
    if (line) out.push(Number(line.split(" ").pop()));
  }
  return out;
}

beforeAll(async () => {
  // As pnpm cluster runs it: NORMAL messages through an nsqd of their own, in memory.
  cluster = await startCluster({ conns: 2, logics: 2, jobs: 2, normalNsqd: true });
  // Order is promised while the set of nodes stays put: wait until the partitions settled on both job nodes.
  await until(
    "both job nodes consume their share of the 16 partitions",
    async () => {
      const owned = await partitionsOwned();
      return owned.length === 2 && owned.every((n) => n > 0) && owned[0]! + owned[1]! === 16;
    },
    60_000,
    200,
  );
}, 180_000);

afterAll(async () => {
  for (const c of clients.splice(0)) c.terminate();
  await cluster?.stop();
}, 60_000);

async function join(url: string, uid: string, room: string): Promise<RoomClient> {
  const c = (await RoomClient.join(url, tokens.sign(uid), room)).keepAlive(1000);
  clients.push(c);
  return c;
}

describe("room order in a cluster of 2 logic and 2 job nodes", () => {
  it("each sender's 32 messages reach every member on both conn nodes in the order sent, in 8 rooms at once", async () => {
    const rooms = Array.from({ length: 8 }, (_, i) => `order-${i}-${Date.now().toString(36)}`);
    const perRoom = await Promise.all(
      rooms.map(async (room, r) => {
        // Two senders per room, one on each conn node; each also reads the room, as members do.
        const senders = [await join(cluster.wsUrls[0]!, `s${r}a`, room), await join(cluster.wsUrls[1]!, `s${r}b`, room)];
        const readers = [await join(cluster.wsUrls[0]!, `r${r}a`, room), await join(cluster.wsUrls[1]!, `r${r}b`, room)];
        return { room, senders, members: [...senders, ...readers] };
      }),
    );
    await sleep(500); // every node's first sign-in in a room reached logic
    for (let i = 0; i < 32; i++) {
      for (const { room, senders } of perRoom) senders.forEach((s, k) => s.say(room, `${k}:${i}`));
      if (i % 8 === 7) await sleep(600); // within the per-connection rate limit
    }
    const partitionMessages = async (nsqdHttp: string) => {
      const stats = (await (await fetch(`http://${nsqdHttp}/stats?format=json`)).json()) as {
        topics: Array<{ topic_name: string; message_count: number }>;
      };
      return stats.topics.filter((t) => t.topic_name.startsWith("roomcast.room.p")).reduce((n, t) => n + t.message_count, 0);
    };
    for (const { room, members } of perRoom) {
      for (const m of members) {
        const got = await m.waitForMessages(64, 30_000);
        for (const k of [0, 1]) {
          const mine = got.filter((x) => x.text.startsWith(`${k}:`)).map((x) => Number(x.text.split(":")[1]));
          expect({ room, sender: k, seq: mine }).toEqual({ room, sender: k, seq: Array.from({ length: 32 }, (_, i) => i) });
        }
      }
    }
    // Every one went through the in-memory nsqd, packed: logic puts the NORMAL messages of a partition it takes within
    // 5 ms into one queue message, so there are at least one and at most as many queue messages as messages sent.
    const queued = await partitionMessages(cluster.normalNsqdHttp!);
    expect(queued).toBeGreaterThan(0);
    expect(queued).toBeLessThanOrEqual(8 * 2 * 32);
    expect(await partitionMessages(cluster.nsqdHttp)).toBe(0);
  }, 120_000);
});
