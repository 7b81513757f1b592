import { drainInWaves, drainPlan, waveSize, waveStart, type DrainClock } from "./drain";

/** A clock that moves only when the drain sleeps, and records when each socket was closed. */
function fakeClock(): DrainClock & { t: number } {
  const c = {
    t: 1_000_000,
    now: () => c.t,
    sleep: async (ms: number) => {
      c.t += ms;
    },
  };
  return c;
}

function sockets(n: number) {
  const open = new Set(Array.from({ length: n }, (_, i) => i));
  const closedAt = new Map<number, number>();
  return { open, closedAt };
}

describe("drain in waves", () => {
  it("closes 200 sockets in 10 waves of 20, evenly spaced over the period, the first at once", async () => {
    const clock = fakeClock();
    const start = clock.t;
    const { open, closedAt } = sockets(200);
    const res = await drainInWaves(
      () => [...open],
      (s) => {
        open.delete(s);
        closedAt.set(s, clock.t - start);
      },
      drainPlan(5, 10),
      clock,
    );
    expect(res).toEqual({ waves: 10, closed: 200 });
    expect(open.size).toBe(0);
    const perWave = new Map<number, number>();
    for (const at of closedAt.values()) perWave.set(at, (perWave.get(at) ?? 0) + 1);
    expect([...perWave]).toEqual([0, 500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 4500].map((at) => [at, 20]));
    // Oldest first.
    expect([...closedAt.keys()].slice(0, 20)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it("spreads an uneven count over every wave", () => {
    const plan = drainPlan(5, 10);
    let open = 15;
    const sizes: number[] = [];
    for (let w = 0; w < plan.waves; w++) {
      const n = waveSize(open, w, plan);
      sizes.push(n);
      open -= n;
    }
    expect(sizes).toEqual([2, 2, 2, 2, 2, 1, 1, 1, 1, 1]);
    expect(open).toBe(0);
  });

  it("the last wave closes whatever is still open", () => {
    expect(waveSize(7, 9, drainPlan(5, 10))).toBe(7);
    expect(waveSize(7, 0, drainPlan(5, 1))).toBe(7);
  });

  it("sockets that close on their own shorten the later waves, and the drain ends when none is left", async () => {
    const clock = fakeClock();
    const start = clock.t;
    const { open } = sockets(40);
    let lastClose = 0;
    const res = await drainInWaves(
      () => {
        // Between waves, four clients leave by themselves.
        if (clock.t > start) for (const s of [...open].slice(-4)) open.delete(s);
        return [...open];
      },
      (s) => {
        open.delete(s);
        lastClose = clock.t - start;
      },
      drainPlan(5, 10),
      clock,
    );
    expect(open.size).toBe(0);
    expect(res.closed).toBeLessThan(40);
    expect(res.waves).toBeLessThan(10);
    // It ended at the first wave that found nothing left, not at the end of the period.
    expect(clock.t - start).toBe(lastClose + 500);
    expect(clock.t - start).toBeLessThan(4_500);
  });

  it("a node with two sockets is done after two waves, without waiting out the period", async () => {
    const clock = fakeClock();
    const start = clock.t;
    const { open } = sockets(2);
    const res = await drainInWaves(
      () => [...open],
      (s) => open.delete(s),
      drainPlan(5, 10),
      clock,
    );
    expect(res).toEqual({ waves: 2, closed: 2 });
    expect(clock.t - start).toBe(500);
  });

  it("drainSec 0 closes everything at once", async () => {
    const clock = fakeClock();
    const start = clock.t;
    const { open } = sockets(50);
    await drainInWaves(
      () => [...open],
      (s) => open.delete(s),
      drainPlan(0, 10),
      clock,
    );
    expect(open.size).toBe(0);
    expect(clock.t).toBe(start);
  });

  it("a slow wave does not push the later ones back: they keep their place on the schedule", async () => {
    const clock = fakeClock();
    const start = clock.t;
    const { open } = sockets(30);
    const waveTimes: number[] = [];
    await drainInWaves(
      () => {
        waveTimes.push(clock.t - start);
        return [...open];
      },
      (s) => {
        open.delete(s);
        clock.t += 10; // closing takes time
      },
      drainPlan(3, 3),
      clock,
    );
    expect(waveTimes).toEqual([0, 1000, 2000]);
  });

  it("refuses a plan that cannot be one", () => {
    expect(() => drainPlan(-1, 10)).toThrow("ws.drainSec");
    expect(() => drainPlan(Number.NaN, 10)).toThrow("ws.drainSec");
    expect(() => drainPlan(5, 0)).toThrow("ws.drainWaves");
    expect(() => drainPlan(5, 2.5)).toThrow("ws.drainWaves");
    expect(waveStart(3, drainPlan(1, 4))).toBe(750);
  });
});
