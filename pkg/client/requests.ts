// Requests waiting for their answer. Every request carries an id (Req.id) and the server echoes it on every answer,
// errors included, so answers are matched by id. A server that echoes none (seed 001) answers in order: an answer
// without an id goes to the oldest open request of its kind.
import { TimeoutError } from "./errors";

interface Open {
  kind: number;
  resolve(v: unknown): void;
  reject(e: Error): void;
  timer: ReturnType<typeof setTimeout>;
  /** Timed out: kept so that its late answer is swallowed instead of being given to the next request. */
  done: boolean;
}

/** Timed-out requests remembered at most, so a server that never answers them cannot grow the table. */
const MAX_TIMED_OUT = 64;

export class Requests {
  private last = 0;
  /** In the order sent (a Map keeps insertion order), which is the order a server without ids answers in. */
  private readonly open = new Map<number, Open>();
  private timedOut = 0;

  /** A fresh request id: 1 to 2^32-1, then around again (0 means none on the wire). */
  nextId(): number {
    this.last = this.last >= 0xffffffff ? 1 : this.last + 1;
    return this.last;
  }

  /** Waits for the answer to request `id` of `kind` (its PackageType); TimeoutError after timeoutMs. */
  wait(id: number, kind: number, timeoutMs: number, what: string): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const entry: Open = {
        kind,
        resolve,
        reject,
        done: false,
        timer: setTimeout(() => {
          entry.done = true;
          if (++this.timedOut > MAX_TIMED_OUT) this.forgetOldestTimedOut();
          reject(new TimeoutError(`no answer to ${what} within ${timeoutMs} ms`, timeoutMs));
        }, timeoutMs),
      };
      this.open.set(id, entry);
    });
  }

  /**
   * Settles the request an answer is for: `id`, or when 0 the oldest open request of `kind` (none for an Err without
   * an id, whose request cannot be known). False when no request was waiting for it.
   */
  settle(id: number, kind: number | undefined, outcome: { value: unknown } | { error: Error }): boolean {
    const key = id !== 0 ? id : kind === undefined ? undefined : this.oldestOf(kind);
    const entry = key === undefined ? undefined : this.open.get(key);
    if (!entry) return false;
    this.open.delete(key!);
    clearTimeout(entry.timer);
    if (entry.done) this.timedOut--;
    else if ("error" in outcome) entry.reject(outcome.error);
    else entry.resolve(outcome.value);
    return true;
  }

  /** The connection is gone: every open request fails with `err`, timed-out ones are forgotten. */
  failAll(err: Error): void {
    const entries = [...this.open.values()];
    this.open.clear();
    this.timedOut = 0;
    for (const e of entries) {
      clearTimeout(e.timer);
      if (!e.done) e.reject(err);
    }
  }

  private oldestOf(kind: number): number | undefined {
    for (const [id, e] of this.open) if (e.kind === kind) return id;
    return undefined;
  }

  private forgetOldestTimedOut(): void {
    for (const [id, e] of this.open)
      if (e.done) {
        this.open.delete(id);
        this.timedOut--;
        return;
      }
  }
}
