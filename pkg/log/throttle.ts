// A log line that a failure repeats per message (a push to a dead node, for each message until it leaves the
// registry) is written at most once per interval, with how many were left out: logging each one cost job a seventh
// of its CPU in a reconnect storm, and says nothing the first one did not.

export class LogThrottle {
  private lastAt = -Infinity;
  private skipped = 0;

  constructor(private readonly intervalMs = 1_000) {}

  /** Calls `write` with the count left out since the last write, or counts this one as left out. */
  maybe(write: (skipped: number) => void, now = Date.now()): void {
    if (now - this.lastAt < this.intervalMs) {
      this.skipped++;
      return;
    }
    this.lastAt = now;
    const skipped = this.skipped;
    this.skipped = 0;
    write(skipped);
  }
}
