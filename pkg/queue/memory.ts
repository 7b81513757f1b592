// In-process queue for standalone and unit tests, with NSQ's semantics: channels, sharing, requeue with back-off.
import {
  attemptsExhausted,
  backoffDelay,
  closeOnceSubscription,
  type Queue,
  type QueueHandler,
  type QueueMessage,
  type QueueStats,
  type SubscribeOptions,
  type Subscription,
} from "./queue";

/** What a channel needs from its queue: the counters and a way to schedule redeliveries that close() can cancel. */
interface Env {
  readonly counters: QueueStats;
  later(fn: () => void, ms: number): void;
}

class Subscriber {
  inFlight = 0;
  private readonly running = new Set<Promise<void>>();

  constructor(
    readonly handler: QueueHandler,
    readonly opts: SubscribeOptions,
  ) {}

  get hasRoom(): boolean {
    return this.inFlight < Math.max(1, this.opts.maxInFlight ?? 1);
  }

  track(p: Promise<void>): void {
    this.running.add(p);
    void p.finally(() => this.running.delete(p));
  }

  async drained(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }
}

class Channel {
  private readonly pending: QueueMessage[] = [];
  private readonly subs: Subscriber[] = [];
  private next = 0;

  constructor(private readonly env: Env) {}

  put(m: QueueMessage): void {
    this.pending.push(m);
    this.pump();
  }

  add(sub: Subscriber): void {
    this.subs.push(sub);
    this.pump();
  }

  remove(sub: Subscriber): void {
    const i = this.subs.indexOf(sub);
    if (i >= 0) this.subs.splice(i, 1);
  }

  private pump(): void {
    while (this.pending.length > 0) {
      const sub = this.pick();
      if (!sub) return;
      this.deliver(sub, this.pending.shift()!);
    }
  }

  /** The next subscriber in turn that has room for one more message. */
  private pick(): Subscriber | undefined {
    const n = this.subs.length;
    for (let i = 0; i < n; i++) {
      const s = this.subs[(this.next + i) % n]!;
      if (s.hasRoom) {
        this.next = (this.next + i + 1) % n;
        return s;
      }
    }
    return undefined;
  }

  private deliver(sub: Subscriber, m: QueueMessage): void {
    sub.inFlight++;
    const p = Promise.resolve()
      .then(() => sub.handler(m))
      .then(
        () => {
          this.env.counters.finished++;
        },
        () => {
          if (attemptsExhausted(m.attempts, sub.opts)) {
            this.env.counters.dropped++;
            return;
          }
          this.env.counters.requeued++;
          const again: QueueMessage = { id: m.id, body: m.body, attempts: m.attempts + 1 };
          this.env.later(() => this.put(again), backoffDelay(m.attempts, sub.opts));
        },
      )
      .finally(() => {
        sub.inFlight--;
        this.pump();
      });
    sub.track(p);
  }
}

interface Topic {
  readonly channels: Map<string, Channel>;
  /** Messages published while the topic had no channel; the first channel takes them, as in nsqd. */
  backlog: QueueMessage[];
}

export class MemoryQueue implements Queue {
  private readonly topics = new Map<string, Topic>();
  private readonly counters: QueueStats = { published: 0, finished: 0, requeued: 0, dropped: 0 };
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly subscriptions = new Set<Subscription>();
  private seq = 0;
  private closed = false;
  private readonly env: Env = {
    counters: this.counters,
    later: (fn, ms) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        fn();
      }, ms);
      this.timers.add(t);
    },
  };

  stats(): QueueStats {
    return { ...this.counters };
  }

  private topic(name: string): Topic {
    let t = this.topics.get(name);
    if (!t) {
      t = { channels: new Map(), backlog: [] };
      this.topics.set(name, t);
    }
    return t;
  }

  async publish(topic: string, body: Buffer): Promise<void> {
    if (this.closed) throw new Error("MemoryQueue: publish after close");
    const t = this.topic(topic);
    // A copy, as the bytes on an NSQ wire would be: the caller may reuse its buffer.
    const m: QueueMessage = { id: (++this.seq).toString(16).padStart(16, "0"), body: Buffer.from(body), attempts: 1 };
    this.counters.published++;
    if (t.channels.size === 0) t.backlog.push(m);
    else for (const ch of t.channels.values()) ch.put(m);
  }

  async subscribe(topic: string, channel: string, handler: QueueHandler, opts: SubscribeOptions = {}): Promise<Subscription> {
    if (this.closed) throw new Error("MemoryQueue: subscribe after close");
    const t = this.topic(topic);
    let ch = t.channels.get(channel);
    if (!ch) {
      ch = new Channel(this.env);
      t.channels.set(channel, ch);
      for (const m of t.backlog.splice(0)) ch.put(m);
    }
    const sub = new Subscriber(handler, opts);
    ch.add(sub);
    const c = ch;
    return closeOnceSubscription(this.subscriptions, async () => {
      c.remove(sub);
      await sub.drained();
    });
  }

  /** Closes every subscription (waiting for their handlers) and cancels pending redeliveries. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
