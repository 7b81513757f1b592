// A token bucket: `perSec` tokens a second up to `burst`; each take spends one.

export class Bucket {
  private tokens: number;

  constructor(
    private readonly perSec: number,
    private readonly burst: number,
    private at: number,
  ) {
    this.tokens = burst;
  }

  take(now: number): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) / 1000) * this.perSec);
    this.at = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
