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
  /**
   * After close code 4004 (the node is draining: it closes its sockets in waves), the next attempt waits a random
   * delay from 0 to this, so that the node's clients spread over the other nodes instead of arriving together.
   */
  drainDelayMs?: number;
}

export const defaultBackoff: BackoffOptions = { minDelayMs: 500, maxDelayMs: 20_000, factor: 2, jitter: 0.5, drainDelayMs: 3_000 };

/** The delay before reconnect attempt `attempt` (0 for the first one after a loss). */
export function reconnectDelay(attempt: number, o: BackoffOptions, random: () => number = Math.random): number {
  const base = Math.min(o.maxDelayMs, o.minDelayMs * o.factor ** attempt);
  return Math.round(base * (1 - o.jitter) + base * o.jitter * random());
}

/** The delay before reconnecting after the server drained the connection (close code 4004): uniform in [0, drainDelayMs]. */
export function drainReconnectDelay(o: BackoffOptions, random: () => number = Math.random): number {
  return Math.round((o.drainDelayMs ?? defaultBackoff.drainDelayMs!) * random());
}
