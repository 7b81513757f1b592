// Room fan-out: one room, many members, a few members publishing open-loop at stepped offered rates.
import { nowUs } from "../payload";
import { totalCpuSeconds } from "../cpu";
import type { LoadPool } from "../loadgen/pool";
import type { SystemUnderTest } from "../systems/system";

export interface FanoutParams {
  members: number;
  publishers: number;
  /** Offered rates into the room, messages per second, tried in order. */
  rates: number[];
  stepSec: number;
  size: number;
  /** Stop stepping once a step delivers less than this much more than the one before. */
  minGrowth: number;
}

export interface StepResult {
  offeredPerSec: number;
  published: number;
  expected: number;
  delivered: number;
  missing: number;
  dups: number;
  /** Member connections the server had closed by the end of the step. */
  lost: number;
  deliveredPerSec: number;
  serverCpuSec: number;
  msgsPerCpuSec: number;
  msgsPerFrame: number;
  latencyMs: { p50: number; p99: number; p999: number; max: number };
}

const ms = (us: number) => Math.round(us / 10) / 100;
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

export async function fanout(
  sut: SystemUnderTest,
  pool: LoadPool,
  p: FanoutParams,
  localAddresses: string[],
): Promise<{ joinMs: number; steps: StepResult[] }> {
  const room = `fanout-${Date.now()}`;
  const joinStarted = Date.now();
  const joined = await pool.join({
    urls: sut.wsUrls,
    token: sut.token,
    rooms: Array(p.members).fill(room),
    localAddresses,
    timeoutMs: 120_000,
  });
  if (joined.failed > 0) throw new Error(`${joined.failed} of ${p.members} members could not join: ${joined.firstError}`);
  const joinMs = Date.now() - joinStarted;
  await sleep(500); // let the online reports settle before the first step
  const steps: StepResult[] = [];
  for (const rate of p.rates) {
    const perPublisher = rate / p.publishers;
    const count = Math.max(1, Math.round(perPublisher * p.stepSec));
    const byWorker = new Map<number, Array<{ id: number; conn: number; rate: number; count: number }>>();
    for (let id = 0; id < p.publishers; id++) {
      const w = id % pool.size;
      const list = byWorker.get(w) ?? [];
      list.push({ id, conn: list.length, rate: perPublisher, count });
      byWorker.set(w, list);
    }
    await pool.report(); // drop anything left over
    const cpu0 = totalCpuSeconds(sut.pids());
    const published = await pool.publish(nowUs() + 100_000, p.size, byWorker, (p.stepSec + 60) * 1000);
    await sleep(1_000); // the last batches drain
    const cpu = totalCpuSeconds(sut.pids()) - cpu0;
    const t = await pool.report();
    const sent = Object.values(published).reduce((a, b) => a + b, 0);
    const expected = sent * p.members;
    const h = t.histogram;
    steps.push({
      offeredPerSec: rate,
      published: sent,
      expected,
      delivered: t.unique,
      missing: expected - t.unique,
      dups: t.dups,
      lost: t.lost,
      deliveredPerSec: Math.round(t.unique / p.stepSec),
      serverCpuSec: Math.round(cpu * 100) / 100,
      msgsPerCpuSec: cpu > 0 ? Math.round(t.unique / cpu) : 0,
      msgsPerFrame: t.frames ? Math.round((t.messages / t.frames) * 10) / 10 : 0,
      latencyMs: {
        p50: ms(h.getValueAtPercentile(50)),
        p99: ms(h.getValueAtPercentile(99)),
        p999: ms(h.getValueAtPercentile(99.9)),
        max: ms(h.maxValue),
      },
    });
    h.destroy();
    const prev = steps[steps.length - 2];
    if (prev && steps[steps.length - 1].deliveredPerSec < prev.deliveredPerSec * (1 + p.minGrowth)) break;
  }
  return { joinMs, steps };
}
