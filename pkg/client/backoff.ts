// Reconnect delays: exponential growth, capped, with jitter so that the clients of a node that went
// away do not all come back in the same instant.

export interface BackoffOptions {
  /** Delay before the first reconnect attempt (before jitter). */
  minDelayMs: number;
  /** No delay grows past this. */
  maxDelayMs: number;
  /** Each failed attempt multiplies the delay by this. */
  factor: number;
  /** Fraction of the delay that is random, 0 (none) to 1 (anywhere from 0 to the full delay). */
  jitter: number;
}

export const defaultBackoff: BackoffOptions = { minDelayMs: 500, maxDelayMs: 20_000, factor: 2, jitter: 0.5 };

/** The delay before reconnect attempt `attempt` (0 for the first one after a loss). */
export function reconnectDelay(attempt: number, o: BackoffOptions, random: () => number = Math.random): number {
  const base = Math.min(o.maxDelayMs, o.minDelayMs * o.factor ** attempt);
  return Math.round(base * (1 - o.jitter) + base * o.jitter * random());
}
