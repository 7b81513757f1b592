// Which room partitions this job node consumes. The preferred owner of a partition is the live job node that scores
// highest for it (rendezvous hashing: when a node joins or leaves, only its share moves); a claim in the registry
// makes the hand-over exclusive: a node consumes a partition only while it holds the partition's claim, and gives
// the claim up only after its consumer stopped and what it took was pushed.
import type { Claims } from "@roomcast/pkg/discovery";
import type { Subscription } from "@roomcast/pkg/queue";
import type { Logger } from "@roomcast/pkg/log";
import { fnv1a } from "@roomcast/pkg/hash";

export interface OwnerDeps {
  self: string;
  partitions: number;
  claims: Claims;
  /** The job nodes alive now (this one is counted whether listed or not). */
  jobs: () => readonly string[];
  /** Starts consuming a partition. */
  consume: (p: number) => Promise<Subscription>;
  /** Pushes everything the stopped consumers took, before their claims are given up. */
  settle: () => Promise<void>;
  /** How often the claims are checked against the preferred owners. */
  intervalMs: number;
  log: Logger;
}

function score(node: string, p: number): number {
  const f = fnv1a(`${node}/${p}`);
  // One more mixing round: FNV's low bits alone rank similar keys alike.
  const h = Math.imul(f ^ (f >>> 15), 0x2c1b3c6d);
  return (h ^ (h >>> 12)) >>> 0;
}

/** The partitions `self` is the preferred owner of among `nodes`: the highest score wins, ties to the lower name. */
export function preferredPartitions(self: string, nodes: readonly string[], partitions: number): Set<number> {
  const all = nodes.includes(self) ? nodes : [...nodes, self];
  const mine = new Set<number>();
  for (let p = 0; p < partitions; p++) {
    let best = all[0]!;
    let bestScore = score(best, p);
    for (const n of all) {
      const s = score(n, p);
      if (s > bestScore || (s === bestScore && n < best)) [best, bestScore] = [n, s];
    }
    if (best === self) mine.add(p);
  }
  return mine;
}

export class PartitionOwner {
  private readonly consuming = new Map<number, Subscription>();
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(private readonly deps: OwnerDeps) {}

  start(): void {
    this.timer = setInterval(() => this.nudge(), this.deps.intervalMs);
    this.nudge();
  }

  /** Checks the claims now (the job node set changed). */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.reconcile()
      .catch((err: unknown) => this.deps.log.warn({ err }, "partitionproc: reconcile failed"))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.nudge();
        }
      });
  }

  /** The partitions consumed now. */
  owned(): number[] {
    return [...this.consuming.keys()].sort((a, b) => a - b);
  }

  /** Stops every consumer, pushes what they took, then gives every claim up. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
    await this.release([...this.consuming.keys()]);
    await this.deps.claims.close();
  }

  private async reconcile(): Promise<void> {
    const { claims, self, partitions } = this.deps;
    let holders: Map<string, string>;
    try {
      holders = await claims.holders();
    } catch (err) {
      // A slow registry alone changes nothing; a lost lease means another node may hold the partitions by now.
      if (!claims.alive() && this.consuming.size > 0) {
        this.deps.log.warn({ err, partitions: this.owned() }, "partitionproc: claims lost and unreadable; stopping every consumer");
        await this.stopConsumers([...this.consuming.keys()]);
      }
      throw err;
    }
    const want = preferredPartitions(self, this.deps.jobs(), partitions);
    // Not preferred any more, or the claim is gone (the lease was lost): stop, push what was taken, give up.
    const leave = [...this.consuming.keys()].filter((p) => !want.has(p) || holders.get(String(p)) !== self);
    if (leave.length > 0) await this.release(leave);
    // Partitions are taken one by one (a claim each) but start consuming together: a new nsqd topic costs a disk sync.
    const starting: Array<Promise<void>> = [];
    for (const p of want) {
      if (this.stopped || this.consuming.has(p)) continue;
      const holder = holders.get(String(p));
      if (holder !== undefined && holder !== self) continue; // its holder gives it up when it sees this node
      if (!(await claims.take(String(p)))) continue;
      starting.push(
        this.deps.consume(p).then(
          (sub) => void this.consuming.set(p, sub),
          async (err: unknown) => {
            await claims.give(String(p)).catch(() => undefined);
            throw err;
          },
        ),
      );
    }
    const failed = (await Promise.allSettled(starting)).find((r) => r.status === "rejected");
    if (failed) throw (failed as PromiseRejectedResult).reason;
  }

  private async stopConsumers(ps: number[]): Promise<void> {
    await Promise.all(
      ps.map(async (p) => {
        const sub = this.consuming.get(p);
        this.consuming.delete(p);
        await sub?.close();
      }),
    );
    await this.deps.settle();
  }

  private async release(ps: number[]): Promise<void> {
    await this.stopConsumers(ps);
    for (const p of ps) await this.deps.claims.give(String(p)).catch(() => undefined);
    if (ps.length > 0) this.deps.log.info({ partitions: ps }, "partitionproc: gave partitions up");
  }
}
