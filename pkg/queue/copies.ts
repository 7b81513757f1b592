// One message published to several queues (two nsqd on separate disks), so that the death of one of them loses
// nothing it acknowledged: nsqd keeps the messages in flight to a consumer and those waiting out a requeue delay in
// memory only, and acknowledges a publish before it syncs its queue's position, so kill -9 of the one nsqd that held
// a message can lose it. Consumers see each message once per copy; the copies carry one id, and conn delivers it once.
import { PublishTimeoutError, type Publisher } from "./queue";

export interface CopiesOptions {
  /** Told when a copy fails after its previous publish succeeded (the messages then have fewer copies). */
  onCopyDown?: (index: number, err: unknown) => void;
  /** Told when a copy that was down takes a message again. */
  onCopyUp?: (index: number) => void;
}

/**
 * Publishes every message to each of `copies` and resolves once each copy that was up answered and at least one of
 * them took the message. A copy that failed is still sent every message, but not waited for until it takes one again:
 * a dead or hung nsqd costs one publish deadline, not one per message. Rejects only when no copy took the message
 * (with PublishTimeoutError if one of them timed out, so the caller answers "retry soon").
 */
export class CopiedPublisher implements Publisher {
  private readonly down: boolean[];

  constructor(
    private readonly copies: readonly Publisher[],
    private readonly opts: CopiesOptions = {},
  ) {
    if (copies.length === 0) throw new Error("CopiedPublisher needs at least one queue");
    this.down = copies.map(() => false);
  }

  /** Which copies failed their last publish. */
  downCopies(): number[] {
    return this.down.flatMap((d, i) => (d ? [i] : []));
  }

  async publish(topic: string, body: Buffer): Promise<void> {
    const wasDown = [...this.down];
    const attempts = this.copies.map((q, i) =>
      q.publish(topic, body).then(
        () => {
          if (this.down[i]) this.opts.onCopyUp?.(i);
          this.down[i] = false;
        },
        (err: unknown) => {
          if (!this.down[i]) this.opts.onCopyDown?.(i, err);
          this.down[i] = true;
          throw err;
        },
      ),
    );
    // Nobody may be left holding a rejection: the copies not waited for settle on their own.
    for (const a of attempts) a.catch(() => undefined);
    const up = attempts.filter((_, i) => !wasDown[i]);
    if ((await Promise.allSettled(up)).some((r) => r.status === "fulfilled")) return;
    const all = await Promise.allSettled(attempts);
    if (all.some((r) => r.status === "fulfilled")) return;
    const reasons = all.map((r) => (r as PromiseRejectedResult).reason as unknown);
    throw reasons.find((e) => e instanceof PublishTimeoutError) ?? reasons[0];
  }
}
