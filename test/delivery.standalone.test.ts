// README delivery promises on standalone: NORMAL messages keep their order, and one delivery frame holds one
// room and one level.
import { MsgLevel } from "@roomcast/pkg/protocol";
import { Tokens } from "@roomcast/pkg/token";
import { startStandalone, TOKEN_SECRET, type Target } from "./harness/roomcast";
import { RoomClient } from "./harness/room_client";
import { post } from "./suite/protocol";
import { sleep } from "./support/wait";

const tokens = new Tokens({ secret: TOKEN_SECRET, ttlSec: 600 });
let roomSeq = 0;
const newRoom = (tag: string) => `${tag}-${process.pid}-${++roomSeq}`;

let t: Target;
const clients: RoomClient[] = [];
const join = async (uid: string, room: string) => {
  const c = (await RoomClient.join(t.wsUrls[0]!, tokens.sign(uid), room)).keepAlive(1000);
  clients.push(c);
  return c;
};

/** POST /msg as a business service; resolves with the HTTP status. */
async function postMsg(room: string, msg: string): Promise<number> {
  return (await post(`${t.httpUrls[0]}/msg`, { room_id: room, msg }, { authorization: `Bearer ${tokens.sign("svc", "push")}` })).status;
}

beforeAll(async () => {
  t = await startStandalone();
}, 60_000);

afterEach(() => {
  for (const c of clients.splice(0)) c.terminate();
});

afterAll(async () => {
  await t?.stop();
});

describe("standalone delivery", () => {
  it("keeps one sender's NORMAL messages in the order sent, across frames and windows", async () => {
    const room = newRoom("order");
    const alice = await join("alice", room);
    const bob = await join("bob", room);
    // Sizes that make some frames split on the batch byte cap (256 KiB), others merge dozens.
    const body = (i: number) => `${i}:`.padEnd(i % 7 === 0 ? 50_000 : 10, "x");
    const burst = (from: number) => Array.from({ length: 40 }, (_, i) => body(from + i));
    alice.sayAll(room, burst(0));
    await sleep(2_100); // the rate limit's bucket refills (burst 40, 20/s)
    alice.sayAll(room, burst(40));
    const want = Array.from({ length: 80 }, (_, i) => body(i));
    for (const c of [bob, alice]) {
      const got = await c.waitForMessages(80);
      expect(got.map((m) => m.text.slice(0, m.text.indexOf(":") + 1))).toEqual(want.map((w) => w.slice(0, w.indexOf(":") + 1)));
      expect(got.map((m) => m.text)).toEqual(want);
    }
    expect(bob.frames.length).toBeGreaterThan(1);
    expect(bob.frames.length).toBeLessThan(80);
  }, 30_000);

  it("keeps each sender's order when several send at once", async () => {
    const room = newRoom("order2");
    const senders = await Promise.all(["a", "b", "c"].map((u) => join(u, room)));
    const reader = await join("reader", room);
    senders.forEach((s, k) =>
      s.sayAll(
        room,
        Array.from({ length: 40 }, (_, i) => `${"abc"[k]}${i}`),
      ),
    );
    const got = (await reader.waitForMessages(120)).map((m) => m.text);
    for (const k of "abc") {
      expect(got.filter((m) => m.startsWith(k))).toEqual(Array.from({ length: 40 }, (_, i) => `${k}${i}`));
    }
  }, 30_000);

  it("one delivery frame holds one room and one level, even when two rooms get both levels at once", async () => {
    const rooms = [newRoom("A"), newRoom("B")];
    // Two members per room: a sender and a reader; messages name their room and level.
    const members = await Promise.all(rooms.flatMap((r) => [join(`s-${r}`, r), join(`r-${r}`, r)]));
    const tag = (r: number, lv: "N" | "I", i: number) => `${r}|${lv}|${i}`;
    const posts: Promise<number>[] = [];
    for (let round = 0; round < 3; round++) {
      rooms.forEach((r, k) =>
        members[2 * k]!.sayAll(
          r,
          Array.from({ length: 10 }, (_, i) => tag(k, "N", round * 10 + i)),
        ),
      );
      for (let i = 0; i < 5; i++) rooms.forEach((r, k) => posts.push(postMsg(r, tag(k, "I", round * 5 + i))));
      await sleep(5);
    }
    expect(new Set(await Promise.all(posts))).toEqual(new Set([200]));
    for (const [k] of rooms.entries()) {
      for (const c of [members[2 * k]!, members[2 * k + 1]!]) {
        const got = await c.waitForMessages(45);
        for (const m of got) {
          const [room, lv] = m.text.split("|");
          expect({ text: m.text, room: m.roomID, level: m.msgLv }).toEqual({
            text: m.text,
            room: rooms[Number(room)],
            level: lv === "I" ? MsgLevel.IMPORTANT : MsgLevel.NORMAL,
          });
        }
        const texts = got.map((m) => m.text).sort();
        const want = [
          ...Array.from({ length: 30 }, (_, i) => tag(k, "N", i)),
          ...Array.from({ length: 15 }, (_, i) => tag(k, "I", i)),
        ].sort();
        expect(texts).toEqual(want);
      }
    }
    // NORMAL messages were merged, so the rule was put to the test.
    expect(members.some((c) => c.received.some((m) => m.batchSize > 1))).toBe(true);
  }, 30_000);
});
