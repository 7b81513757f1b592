// What a node still waits for (etcd, nsqd) while it already serves what it can: a node starts with its infrastructure
// down and joins when it comes up, and its /healthz answers 503 naming what it waits for until then.

/** Where a component reports a wait: `key` names it, `what` says in words what is waited for (shown on /healthz). */
export interface Waits {
  waiting(key: string, what: string): void;
  ready(key: string): void;
}

/** A component on its own (tests, tools): its waits are logged by itself and reported nowhere else. */
export const noWaits: Waits = { waiting() {}, ready() {} };

export class Readiness implements Waits {
  private readonly pending = new Map<string, string>();

  waiting(key: string, what: string): void {
    this.pending.set(key, what);
  }

  ready(key: string): void {
    this.pending.delete(key);
  }

  /** The waits not over yet, in the order they began. */
  get waitingFor(): string[] {
    return [...this.pending.values()];
  }

  /**
   * The /healthz body: `base` (a conn node's own health, say) with ok only while nothing is waited for, and
   * `waitingFor` saying what is.
   */
  health<T extends { ok: boolean }>(base?: T): { ok: boolean; waitingFor?: string[] } {
    const ok = (base?.ok ?? true) && this.pending.size === 0;
    return this.pending.size === 0 ? { ...base, ok } : { ...base, ok, waitingFor: this.waitingFor };
  }
}
