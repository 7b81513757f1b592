// Drain: a conn node that stops closes its sockets in waves spread over ws.drainSec instead of all at once, so that
// their clients (which also wait a random delay on close code 4004) do not all sign in on the other nodes at once.
import { setTimeout as sleep } from "node:timers/promises";

export interface DrainPlan {
  /** Time from the first wave to the end of the last one. */
  periodMs: number;
  /** Waves, evenly spaced: wave i starts i·periodMs/waves after the first. */
  waves: number;
}

/** ws.drainSec and ws.drainWaves as a plan; refuses values that cannot be one. */
export function drainPlan(drainSec: number, drainWaves: number): DrainPlan {
  if (!Number.isFinite(drainSec) || drainSec < 0 || drainSec > 300)
    throw new Error(`ws.drainSec must be between 0 and 300 seconds, got ${drainSec}`);
  if (!Number.isInteger(drainWaves) || drainWaves < 1 || drainWaves > 1000)
    throw new Error(`ws.drainWaves must be a whole number from 1 to 1000, got ${drainWaves}`);
  return { periodMs: Math.round(drainSec * 1000), waves: drainWaves };
}

/** When wave `wave` (0-based) starts, in ms after the first one. */
export function waveStart(wave: number, plan: DrainPlan): number {
  return Math.round((wave * plan.periodMs) / plan.waves);
}

/** How many of the `open` sockets wave `wave` closes: an even share of those still open over the waves left. */
export function waveSize(open: number, wave: number, plan: DrainPlan): number {
  const left = plan.waves - wave;
  return left <= 1 ? open : Math.ceil(open / left);
}

export interface DrainClock {
  now(): number;
  sleep(ms: number): Promise<unknown>;
}

const realClock: DrainClock = { now: () => Date.now(), sleep: (ms) => sleep(ms) };

export interface DrainResult {
  /** Waves that closed at least one socket. */
  waves: number;
  closed: number;
}

/**
 * Closes sockets in the plan's waves: each wave closes its share of the sockets still open (`open()`, oldest first),
 * so sockets that close on their own meanwhile shorten the later waves. Ends as soon as none is left open.
 */
export async function drainInWaves<T>(
  open: () => readonly T[],
  close: (socket: T) => void,
  plan: DrainPlan,
  clock: DrainClock = realClock,
): Promise<DrainResult> {
  const start = clock.now();
  const result: DrainResult = { waves: 0, closed: 0 };
  for (let wave = 0; wave < plan.waves; wave++) {
    const wait = start + waveStart(wave, plan) - clock.now();
    if (wait > 0) await clock.sleep(wait);
    const sockets = open();
    if (sockets.length === 0) break;
    const n = waveSize(sockets.length, wave, plan);
    for (const s of sockets.slice(0, n)) close(s);
    result.waves++;
    result.closed += n;
    // Nothing opens while draining: once a wave closed every open socket, the drain is over.
    if (n === sockets.length) break;
  }
  return result;
}
