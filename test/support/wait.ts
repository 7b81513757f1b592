// The waiting every test does, in one place: sleep, poll until a condition holds, poll until a value is reached.
import { setTimeout as sleep } from "node:timers/promises";

export { sleep };

/** Polls cond every intervalMs until it holds; throws naming `what` after timeoutMs. */
export async function until(what: string, cond: () => boolean | Promise<boolean>, timeoutMs = 10_000, intervalMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await cond()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await sleep(intervalMs);
  }
}

/**
 * Polls fn() until it returns `want` (compared with ===) or timeoutMs passes, and returns the last value, so the
 * caller's expect() shows what was seen instead of a bare timeout.
 */
export async function eventually<T>(fn: () => T | Promise<T>, want: T, timeoutMs = 10_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await fn();
  while (last !== want && Date.now() < deadline) {
    await sleep(intervalMs);
    last = await fn();
  }
  return last;
}
