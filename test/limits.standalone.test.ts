// README promises about limits, on standalone: slow consumers (send-buffer soft and hard limits, 4003, the
// NORMAL-dropped metric, IMPORTANT still delivered), the sign-in timeout (4000) and the message rate limit (104).
// One standalone runs with the built-in defaults, one with small configured limits.
import { MsgLevel } from "@roomcast/pkg/protocol";
import { Tokens } from "@roomcast/pkg/token";
import { startStandalone, TOKEN_SECRET, type Target } from "./harness/roomcast";
import { RoomClient } from "./harness/room_client";
import { post } from "./suite/protocol";
import { sleep, until } from "./support/wait";

const tokens = new Tokens({ secret: TOKEN_SECRET, ttlSec: 600 });
let roomSeq = 0;
const newRoom = (tag: string) => `${tag}-${process.pid}-${++roomSeq}`;

/** One sample of a conn metric from /metrics on the ops listener; fails if the metric is not there. */
async function metric(t: Target, name: string): Promise<number> {
  const text = await (await fetch(`${t.opsUrls[0]}/metrics`)).text();
  const m = text.match(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, "m"));
  if (!m) throw new Error(`${name} not on /metrics`);
  return Number(m[1]);
}

const connections = (t: Target) => metric(t, "roomcast_conn_connections");

/** POST /msg as a business service; resolves with the HTTP status. */
async function postMsg(t: Target, room: string, msg: string): Promise<number> {
  return (await post(`${t.httpUrls[0]}/msg`, { room_id: room, msg }, { authorization: `Bearer ${tokens.sign("svc", "push")}` })).status;
}

describe("standalone limits", () => {
  const clients: RoomClient[] = [];
  const track = (c: RoomClient) => (clients.push(c), c);
  const join = async (t: Target, uid: string, room: string) => track(await RoomClient.join(t.wsUrls[0]!, tokens.sign(uid), room));

  afterEach(async () => {
    for (const c of clients.splice(0)) c.terminate();
  });

  /**
   * Members that each send a 60 KiB NORMAL message every intervalMs (50: the default rate limit, 20/s) into `room`
   * until stop() is called. Three of them at 50 ms push about 3.7 MB/s.
   */
  async function flood(t: Target, room: string, senders: number, intervalMs: number) {
    const members = await Promise.all(Array.from({ length: senders }, (_, i) => join(t, `flooder${i}`, room)));
    for (const m of members) m.keepAlive(1000);
    const body = new Uint8Array(60 * 1024);
    const timer = setInterval(() => {
      for (const m of members) if (m.open) m.say(room, body);
    }, intervalMs);
    return { members, stop: () => clearInterval(timer) };
  }

  /**
   * A member that stops reading while a flood runs: returns when conn took it off NORMAL batches (the dropped
   * counter moved) and when conn closed it (the connection count fell), both in ms since it stopped reading.
   */
  async function stallUntilClosed(t: Target, slowCloseSec: number, senders: number, intervalMs: number) {
    const room = newRoom("stall");
    const slow = await join(t, "slow", room);
    const f = await flood(t, room, senders, intervalMs);
    await until("every member is counted", async () => (await connections(t)) === senders + 1);
    const dropped0 = await metric(t, "roomcast_conn_normal_dropped_total");
    slow.pauseReading();
    const t0 = Date.now();
    let firstDrop = 0;
    let closedAt = 0;
    try {
      await until(
        "conn closes the stalled socket",
        async () => {
          if (!firstDrop && (await metric(t, "roomcast_conn_normal_dropped_total")) > dropped0) firstDrop = Date.now() - t0;
          if ((await connections(t)) === senders) closedAt = Date.now() - t0;
          return closedAt > 0;
        },
        (slowCloseSec + 30) * 1000,
        100,
      );
    } finally {
      f.stop();
    }
    const dropped = (await metric(t, "roomcast_conn_normal_dropped_total")) - dropped0;
    // A client that reads again soon after finds the close frame behind what was buffered.
    slow.resumeReading();
    const closed = await slow.closed;
    return { firstDrop, closedAt, dropped, closed, slow, flooders: f.members };
  }

  describe("built-in defaults (soft 1 MiB, hard 16 MiB, slowCloseSec 10, signInTimeoutSec 10, 20 msg/s burst 40)", () => {
    let t: Target;
    beforeAll(async () => {
      t = await startStandalone({}, [], { testTuning: false });
    }, 60_000);
    afterAll(async () => {
      await t?.stop();
    });
    beforeEach(async () => {
      await until("the previous test's sockets are gone", async () => (await connections(t)) === 0);
    });

    it("a client that stops reading loses NORMAL batches (counted as dropped) and is closed with 4003 about 10 s after its send buffer passed 1 MiB", async () => {
      const r = await stallUntilClosed(t, 10, 3, 50);
      expect(r.closed.code).toBe(4003);
      expect(r.dropped).toBeGreaterThan(0);
      // Counted from the first dropped batch (conn found the buffer over 1 MiB in a sweep) to the close: 10 s plus
      // up to two 1 s sweeps and the 100 ms polling here.
      const overLimitMs = r.closedAt - r.firstDrop;
      expect(overLimitMs).toBeGreaterThanOrEqual(9_000);
      expect(overLimitMs).toBeLessThanOrEqual(14_000);
      // The others in the room carry on.
      expect(r.flooders.every((m) => m.open)).toBe(true);
    }, 90_000);

    it("IMPORTANT messages reach a member that is over the soft limit; NORMAL ones come back once it drained", async () => {
      const room = newRoom("vip");
      const slow = await join(t, "slow", room);
      const f = await flood(t, room, 3, 50);
      const dropped0 = await metric(t, "roomcast_conn_normal_dropped_total");
      slow.pauseReading();
      // Wait until conn stopped sending NORMAL batches to it, then push IMPORTANT messages.
      await until("a NORMAL batch is dropped", async () => (await metric(t, "roomcast_conn_normal_dropped_total")) > dropped0, 15_000, 50);
      f.stop();
      for (let i = 0; i < 3; i++) expect(await postMsg(t, room, `vip ${i}`)).toBe(200);
      // Read again well within slowCloseSec: everything buffered arrives, the IMPORTANT messages included.
      slow.resumeReading();
      const important = (rs: typeof slow.received) => rs.filter((m) => m.msgLv === MsgLevel.IMPORTANT).map((m) => m.text);
      await slow.waitForMessages((rs) => important(rs).length === 3, 15_000);
      expect(important(slow.received)).toEqual(["vip 0", "vip 1", "vip 2"]);
      // Drained: NORMAL messages reach it again.
      const reader = f.members[0]!;
      reader.say(room, "back");
      await slow.waitForMessages((rs) => rs.some((m) => m.text === "back"), 10_000);
      await reader.waitForMessages((rs) => rs.some((m) => m.text === "back"), 10_000);
      expect(slow.open).toBe(true);
      // It missed NORMAL messages that a member who kept reading got.
      const normal = (c: RoomClient) => c.received.filter((m) => m.msgLv === MsgLevel.NORMAL).length;
      expect(normal(slow)).toBeLessThan(normal(reader));
    }, 60_000);

    it("a client over 16 MiB behind is cut at once, long before slowCloseSec, without a close frame (1006)", async () => {
      const room = newRoom("hard");
      const slow = await join(t, "slow", room);
      const other = (await join(t, "other", room)).keepAlive(1000);
      await until("both are counted", async () => (await connections(t)) === 2);
      slow.pauseReading();
      const t0 = Date.now();
      // IMPORTANT messages are never shed, so only the hard limit stops them piling up: 600 × 60 KB ≈ 35 MB.
      const msg = "x".repeat(60_000);
      let posted = 0;
      let cut = 0;
      while (posted < 600 && !cut) {
        expect(await postMsg(t, room, msg)).toBe(200);
        posted++;
        if (posted % 20 === 0 && (await connections(t)) === 1) cut = Date.now() - t0;
      }
      await until("conn closed the socket", async () => (await connections(t)) === 1, 10_000, 50);
      cut ||= Date.now() - t0;
      expect(cut).toBeLessThan(8_000);
      slow.resumeReading();
      expect((await slow.closed).code).toBe(1006);
      expect(slow.received.length).toBeLessThan(posted);
      // Everyone else got every message.
      await other.waitForMessages(posted, 20_000);
      expect(other.open).toBe(true);
    }, 60_000);

    it("a connection that does not sign in is closed with 4000 after 10 s", async () => {
      const c = track(await RoomClient.connect(t.wsUrls[0]!));
      const t0 = Date.now();
      const closed = await c.closed;
      const after = Date.now() - t0;
      expect(closed.code).toBe(4000);
      expect(after).toBeGreaterThanOrEqual(9_500);
      expect(after).toBeLessThanOrEqual(14_000);
    }, 40_000);

    it("104 at the exact limits: 40 messages at once pass, the 41st is refused, and tokens come back at 20/s", async () => {
      const room = newRoom("rate");
      const c = await join(t, "alice", room);
      // Let the bucket fill (it starts full at 40 and holds no more).
      await sleep(2_100);
      // conn refused the 41st some time between these two instants.
      const firstSent = Date.now();
      c.sayAll(
        room,
        Array.from({ length: 41 }, (_, i) => `a${i}`),
      );
      expect((await c.nextErr()).code).toBe(104);
      const firstAnswered = Date.now();
      // The first 40 arrive, in order; the 41st never does (a marker sent after it shows it is not just late).
      const got = await c.waitForMessages(40);
      expect(got.map((m) => m.text)).toEqual(Array.from({ length: 40 }, (_, i) => `a${i}`));
      expect(c.pendingErrs()).toBe(0);

      // About a second later the bucket holds about 20 tokens: of 60 messages at once, about 20 pass.
      await sleep(1_000 - (Date.now() - firstSent));
      const secondSent = Date.now();
      c.sayAll(
        room,
        Array.from({ length: 60 }, (_, i) => `b${i}`),
      );
      // conn answers frames in order, so the pong comes after every 104 of the burst.
      expect(await c.heartbeat()).toBe("pong");
      const secondAnswered = Date.now();
      const refused = c.pendingErrs();
      const errs = await Promise.all(Array.from({ length: refused }, () => c.nextErr()));
      expect(errs.every((e) => e.code === 104)).toBe(true);
      const passed = 60 - refused;
      // The time between the two bursts as conn saw it lies between these bounds; at 20 tokens/s (plus the fraction
      // of a token the first burst left) that many pass.
      const [minSec, maxSec] = [(secondSent - firstAnswered) / 1000, (secondAnswered - firstSent) / 1000];
      expect(passed).toBeGreaterThanOrEqual(Math.floor(20 * minSec));
      expect(passed).toBeLessThanOrEqual(Math.ceil(20 * maxSec) + 1);
      // The ones that passed are the first of the burst, and they all arrive.
      await sleep(1_000);
      c.say(room, "marker");
      const all = await c.waitForMessages((rs) => rs.some((m) => m.text === "marker"));
      expect(all.map((m) => m.text)).toEqual([
        ...Array.from({ length: 40 }, (_, i) => `a${i}`),
        ...Array.from({ length: passed }, (_, i) => `b${i}`),
        "marker",
      ]);
    }, 30_000);
  });

  describe("configured limits (soft 256 KiB, hard 4 MiB, slowCloseSec 3, signInTimeoutSec 3, 5 msg/s burst 10)", () => {
    let t: Target;
    beforeAll(async () => {
      t = await startStandalone(
        {
          ROOMCAST_CONN_WS_SEND_BUFFER_SOFT_BYTES: String(256 << 10),
          ROOMCAST_CONN_WS_SEND_BUFFER_HARD_BYTES: String(4 << 20),
          ROOMCAST_CONN_WS_SLOW_CLOSE_SEC: "3",
          ROOMCAST_CONN_WS_SIGN_IN_TIMEOUT_SEC: "3",
          ROOMCAST_CONN_WS_HEARTBEAT_TIMEOUT_SEC: "60",
          ROOMCAST_CONN_WS_MESSAGES_PER_SEC: "5",
          ROOMCAST_CONN_WS_MESSAGE_BURST: "10",
        },
        [],
        { testTuning: false },
      );
    }, 60_000);
    afterAll(async () => {
      await t?.stop();
    });
    beforeEach(async () => {
      await until("the previous test's sockets are gone", async () => (await connections(t)) === 0);
    });

    it("a stalled client is closed with 4003 slowCloseSec after its send buffer passed the soft limit", async () => {
      const r = await stallUntilClosed(t, 3, 6, 200);
      expect(r.closed.code).toBe(4003);
      expect(r.dropped).toBeGreaterThan(0);
      const overLimitMs = r.closedAt - r.firstDrop;
      expect(overLimitMs).toBeGreaterThanOrEqual(2_000);
      expect(overLimitMs).toBeLessThanOrEqual(6_000);
    }, 60_000);

    it("a connection that does not sign in is closed with 4000 after signInTimeoutSec", async () => {
      const c = track(await RoomClient.connect(t.wsUrls[0]!));
      const t0 = Date.now();
      const closed = await c.closed;
      const after = Date.now() - t0;
      expect(closed.code).toBe(4000);
      expect(after).toBeGreaterThanOrEqual(2_500);
      expect(after).toBeLessThanOrEqual(6_000);
    }, 20_000);

    it("104 follows the configured rate: 10 at once pass, the 11th is refused", async () => {
      const room = newRoom("rate5");
      const c = await join(t, "alice", room);
      await sleep(2_100);
      c.sayAll(
        room,
        Array.from({ length: 11 }, (_, i) => `c${i}`),
      );
      expect((await c.nextErr()).code).toBe(104);
      await sleep(1_000);
      c.say(room, "marker");
      const got = await c.waitForMessages((rs) => rs.some((m) => m.text === "marker"));
      expect(got.map((m) => m.text)).toEqual([...Array.from({ length: 10 }, (_, i) => `c${i}`), "marker"]);
      expect(c.pendingErrs()).toBe(0);
    }, 20_000);
  });
});
