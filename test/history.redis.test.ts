// The history contract against a real Redis (127.0.0.1:6379, as on these machines and in CI), plus what only Redis shows.
import Redis from "ioredis";
import { HistoryUnavailable, RedisHistory, RetentionRules } from "@roomcast/pkg/history";
import { historyContract } from "./contract/history";

const URL = process.env.ROOMCAST_TEST_REDIS ?? "redis://127.0.0.1:6379";
/** Every test's keys under its own prefix, deleted after it. */
const prefix = () => `rctest:${process.pid}:${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}:`;

async function deleteKeys(p: string): Promise<void> {
  const r = new Redis(URL);
  try {
    const keys = await r.keys(`${p}*`);
    if (keys.length > 0) await r.del(...keys);
  } finally {
    await r.quit();
  }
}

historyContract("redis", async (rules, now) => {
  const p = prefix();
  const history = new RedisHistory({ url: URL, prefix: p, rules, now });
  await history.ready();
  return {
    history,
    cleanup: async () => {
      await history.close();
      await deleteKeys(p);
    },
  };
});

describe("RedisHistory", () => {
  const rules = new RetentionRules([{ prefix: "", maxMessages: 10, maxAgeSec: 60 }]);
  const one = (id: string) => ({ id, data: new TextEncoder().encode(id), type: "", level: 0, uid: "u" });

  it("a room's keys expire with its retention, so a room silent that long starts again under a new epoch", async () => {
    const p = prefix();
    const h = new RedisHistory({ url: URL, prefix: p, rules });
    await h.ready();
    const r = new Redis(URL);
    try {
      const [a] = await h.append([{ room: "r", messages: [one("1")] }]);
      const ttls = await Promise.all([r.pttl(`${p}{r}:s`), r.pttl(`${p}{r}:m`)]);
      for (const ttl of ttls) expect(ttl).toBeGreaterThan(55_000);
      for (const ttl of ttls) expect(ttl).toBeLessThanOrEqual(60_000);
      await r.del(`${p}{r}:s`, `${p}{r}:m`); // what expiry (or a flushed Redis) leaves
      expect(await h.since("r", a!.epoch, 1, 10)).toEqual({ ok: false, reason: "epoch", epoch: "", offset: 0 });
      const [b] = await h.append([{ room: "r", messages: [one("2")] }]);
      expect([b!.first, b!.epoch === a!.epoch]).toEqual([1, false]);
    } finally {
      await r.quit();
      await h.close();
      await deleteKeys(p);
    }
  });

  it("fails with HistoryUnavailable while Redis cannot be reached (no call waits in a queue), and throws nothing else", async () => {
    const h = new RedisHistory({ url: "redis://127.0.0.1:1", prefix: prefix(), rules });
    await expect(h.ready(300)).rejects.toBeInstanceOf(HistoryUnavailable);
    await expect(h.append([{ room: "r", messages: [one("1")] }])).rejects.toBeInstanceOf(HistoryUnavailable);
    await expect(h.since("r", "e", 0, 10)).rejects.toBeInstanceOf(HistoryUnavailable);
    await expect(h.latest("r", 10)).rejects.toBeInstanceOf(HistoryUnavailable);
    await expect(h.remove("r", "1")).rejects.toBeInstanceOf(HistoryUnavailable);
    await h.close();
  });

  it("one append of many rooms (one pipeline) gives each room its own consecutive offsets", async () => {
    const p = prefix();
    const h = new RedisHistory({ url: URL, prefix: p, rules });
    await h.ready();
    try {
      const rooms = Array.from({ length: 50 }, (_, i) => ({ room: `room-${i}`, messages: [one(`a${i}`), one(`b${i}`)] }));
      const out = await h.append(rooms);
      expect(out.map((a) => a.first)).toEqual(rooms.map(() => 1));
      const again = await h.append(rooms);
      expect(again.map((a) => a.first)).toEqual(rooms.map(() => 3));
    } finally {
      await h.close();
      await deleteKeys(p);
    }
  });
});
