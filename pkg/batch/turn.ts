// Calls made in one turn of the event loop (or a few ms), gathered per key and sent as one request: a turn's worth of small
// messages costs one round trip (a SubmitStream request, an NSQ MPUB) instead of one each. Every caller gets its own answer,
// in the order it called.

interface Waiting<T, R> {
  item: T;
  resolve: (r: R) => void;
  reject: (err: unknown) => void;
}

export interface TurnBatcherLimits<T> {
  /** A key's items go out at once when this many are waiting (default 1,000). */
  maxItems?: number;
  /** With sizeOf: a request never holds more than this (an item bigger on its own goes alone). */
  maxSize?: number;
  sizeOf?: (item: T) => number;
  /** Gathers for this many ms instead of one turn (0, the default: until the end of the turn). */
  delayMs?: number;
}

export class TurnBatcher<K, T, R> {
  private readonly pending = new Map<K, { list: Array<Waiting<T, R>>; size: number }>();
  private scheduled = false;

  /** @param send sends one key's items; resolves with one answer per item, in order. */
  constructor(
    private readonly send: (key: K, items: T[]) => Promise<R[]>,
    private readonly limits: TurnBatcherLimits<T> = {},
  ) {}

  add(key: K, item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const size = this.limits.sizeOf?.(item) ?? 0;
      let p = this.pending.get(key);
      if (p && this.limits.maxSize !== undefined && p.size + size > this.limits.maxSize) {
        this.pending.delete(key);
        this.dispatch(key, p.list);
        p = undefined;
      }
      if (!p) this.pending.set(key, (p = { list: [], size: 0 }));
      p.list.push({ item, resolve, reject });
      p.size += size;
      if (p.list.length >= (this.limits.maxItems ?? 1_000)) {
        this.pending.delete(key);
        this.dispatch(key, p.list);
      } else if (!this.scheduled) {
        this.scheduled = true;
        if (this.limits.delayMs) setTimeout(() => this.flush(), this.limits.delayMs);
        else setImmediate(() => this.flush());
      }
    });
  }

  /** Sends everything waiting now. */
  flush(): void {
    this.scheduled = false;
    const due = [...this.pending];
    this.pending.clear();
    for (const [key, p] of due) this.dispatch(key, p.list);
  }

  private dispatch(key: K, list: Array<Waiting<T, R>>): void {
    Promise.resolve()
      .then(() =>
        this.send(
          key,
          list.map((w) => w.item),
        ),
      )
      .then((answers) => {
        if (answers.length !== list.length) throw new Error(`batch of ${list.length} got ${answers.length} answers`);
        list.forEach((w, i) => w.resolve(answers[i]!));
      })
      .catch((err: unknown) => list.forEach((w) => w.reject(err)));
  }
}
