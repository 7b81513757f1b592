// The message bus between logic (producer) and job (consumer).
// Two implementations: NSQ (pkg/queue/nsq.ts) for clusters, in-memory (pkg/queue/memory.ts) for standalone.

/** One delivered message. The handler's outcome decides its fate: resolve → FIN, throw → REQ with back-off. */
export interface QueueMessage {
  readonly id: string;
  readonly body: Buffer;
  /** 1 on first delivery, +1 on every redelivery. */
  readonly attempts: number;
}

/** Called once per delivered message; resolve to finish it, throw to have it redelivered later. */
export type QueueHandler = (msg: QueueMessage) => Promise<void>;

export interface SubscribeOptions {
  /** Messages handed to this subscriber before earlier ones finished. */
  maxInFlight?: number;
  /** Give up on (finish and count as dropped) a message after this many attempts; 0 = never. */
  maxAttempts?: number;
  /** First redelivery delay; doubles each attempt up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
}

export interface Subscription {
  /** Stops taking new messages; resolves once in-flight handlers settled. */
  close(): Promise<void>;
}

/** The producer's side of a queue. */
export interface Publisher {
  /** Resolves once the queue accepted the message (NSQ: nsqd acknowledged the PUB). */
  publish(topic: string, body: Buffer): Promise<void>;
}

export interface Queue extends Publisher {
  /**
   * Every channel gets every message of the topic; subscribers of one channel share its messages.
   * Resolves once the channel exists, so messages published afterwards reach it.
   */
  subscribe(topic: string, channel: string, handler: QueueHandler, opts?: SubscribeOptions): Promise<Subscription>;
  close(): Promise<void>;
}

/**
 * A publish the queue did not acknowledge within its deadline (NSQ: queue.publishTimeoutMs). The message may still
 * have been queued: whoever retries may deliver it twice, which at-least-once allows.
 */
export class PublishTimeoutError extends Error {
  override readonly name = "PublishTimeoutError";
}

/** Running totals of one queue client, for metrics and tests. */
export interface QueueStats {
  published: number;
  /** Handlers that resolved. */
  finished: number;
  /** Handlers that threw and whose message will come again. */
  requeued: number;
  /** Messages given up on after maxAttempts. */
  dropped: number;
}

/** The redelivery delay for a message that failed `attempts` times. */
export function backoffDelay(attempts: number, opts: SubscribeOptions): number {
  const base = opts.backoffMs ?? 100;
  const max = opts.maxBackoffMs ?? 10_000;
  return Math.min(max, base * 2 ** Math.max(0, attempts - 1));
}

/** True when a message that failed on delivery number `attempts` has no attempts left. */
export function attemptsExhausted(attempts: number, opts: SubscribeOptions): boolean {
  const max = opts.maxAttempts ?? 0;
  return max > 0 && attempts >= max;
}

/** A subscription whose close() runs `stop` once (later calls share its promise), then leaves `live`. */
export function closeOnceSubscription(live: Set<Subscription>, stop: () => Promise<void>): Subscription {
  let closing: Promise<void> | undefined;
  const subscription: Subscription = {
    close: () => (closing ??= stop().finally(() => live.delete(subscription))),
  };
  live.add(subscription);
  return subscription;
}
