// In-process queue for standalone and unit tests, with NSQ's semantics: channels, sharing, requeue.
import { backoffDelay, type Queue, type QueueHandler, type QueueMessage, type SubscribeOptions, type Subscription } from "./queue";

interface Msg {
  id: string;
  body: Buffer;
  attempts: number;
}

class Subscriber {
  inFlight = 0;
  closed = false;
  private readonly settled = new Set<Promise<void>>();
  constructor(
    readonly handler: QueueHandler,
    readonly opts: SubscribeOptions,
  ) {}
  track(p: Promise<void>) {
    this.settled.add(p);
    p.finally(() => this.settled.delete(p));
  }
  drained() {
    return Promise.allSettled([...this.settled]);
  }
}

class Channel {
  readonly pending: Msg[] = [];
  readonly subs: Subscriber[] = [];
  private next = 0;
  constructor(private readonly stats: MemoryQueueStats) {}

  put(m: Msg) {
    this.pending.push(m);
    this.pump();
  }

  pump() {
    while (this.pending.length > 0) {
      const sub = this.pick();
      if (!sub) return;
      const m = this.pending.shift()!;
      this.deliver(sub, m);
    }
  }

  private pick(): Subscriber | undefined {
    const live = this.subs.filter((s) => !s.closed);
    for (let i = 0; i < live.length; i++) {
      const s = live[(this.next + i) % live.length]!;
      if (s.inFlight < (s.opts.maxInFlight ?? 1)) {
        this.next = (this.next + i + 1) % live.length;
        return s;
      }
    }
    return undefined;
  }

  private deliver(sub: Subscriber, m: Msg) {
    sub.inFlight++;
    const msg: QueueMessage = { id: m.id, body: m.body, attempts: m.attempts };
    const p = Promise.resolve()
      .then(() => sub.handler(msg))
      .then(
        () => {
          this.stats.finished++;
        },
        () => {
          const max = sub.opts.maxAttempts ?? 0;
          if (max > 0 && m.attempts >= max) {
            this.stats.dropped++;
            return;
          }
          this.stats.requeued++;
          const again = { ...m, attempts: m.attempts + 1 };
          setTimeout(() => this.put(again), backoffDelay(m.attempts, sub.opts)).unref();
        },
      )
      .finally(() => {
        sub.inFlight--;
        this.pump();
      });
    sub.track(p);
  }
}

export interface MemoryQueueStats {
  published: number;
  finished: number;
  requeued: number;
  dropped: number;
}

export class MemoryQueue implements Queue {
  private readonly topics = new Map<string, { channels: Map<string, Channel>; backlog: Msg[] }>();
  private readonly counters: MemoryQueueStats = { published: 0, finished: 0, requeued: 0, dropped: 0 };
  private seq = 0;

  stats(): MemoryQueueStats {
    return { ...this.counters };
  }

  private topic(name: string) {
    let t = this.topics.get(name);
    if (!t) {
      t = { channels: new Map(), backlog: [] };
      this.topics.set(name, t);
    }
    return t;
  }

  async publish(topic: string, body: Buffer): Promise<void> {
    const t = this.topic(topic);
    const m: Msg = { id: (++this.seq).toString(16).padStart(16, "0"), body, attempts: 1 };
    this.counters.published++;
    // Like nsqd, a topic keeps its messages until a channel exists.
    if (t.channels.size === 0) t.backlog.push(m);
    else for (const ch of t.channels.values()) ch.put({ ...m });
  }

  async subscribe(topic: string, channel: string, handler: QueueHandler, opts: SubscribeOptions = {}): Promise<Subscription> {
    const t = this.topic(topic);
    let ch = t.channels.get(channel);
    if (!ch) {
      ch = new Channel(this.counters);
      t.channels.set(channel, ch);
      for (const m of t.backlog.splice(0)) ch.put(m);
    }
    const sub = new Subscriber(handler, opts);
    ch.subs.push(sub);
    ch.pump();
    const c = ch;
    return {
      async close() {
        sub.closed = true;
        c.subs.splice(c.subs.indexOf(sub), 1);
        await sub.drained();
      },
    };
  }

  async close(): Promise<void> {
    for (const t of this.topics.values()) for (const ch of t.channels.values()) for (const s of ch.subs) s.closed = true;
  }
}
