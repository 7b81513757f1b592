// NSQ behind the Queue interface: an nsqjs Writer to the local nsqd, Readers that find nsqd through nsqlookupd.
import * as https from "node:https";
import * as nsq from "nsqjs";
import { TurnBatcher } from "../batch/turn";
import { noLogger, type Logger } from "../log/log";
import { ConfigError } from "../config/load";
import { networkReason } from "../lifecycle/failure";
import { noWaits, type Waits } from "../lifecycle/readiness";
import { watchLookupd, type LookupdWatch, type NsqdListed } from "./nsq_lookupd";
import {
  PublishTimeoutError,
  attemptsExhausted,
  backoffDelay,
  closeOnceSubscription,
  type Queue,
  type QueueHandler,
  type QueueStats,
  type SubscribeOptions,
  type Subscription,
} from "./queue";

export interface NsqQueueOptions {
  /** nsqd TCP address to publish to ("127.0.0.1:4150"); needed only to publish. */
  nsqdTcpAddress?: string;
  /** nsqd HTTP address ("127.0.0.1:4151"); topics and channels are created there up front, so none waits for a first message. */
  nsqdHttpAddress?: string;
  /** nsqlookupd HTTP addresses the readers discover nsqd through; needed only to subscribe. */
  lookupdHttpAddresses?: string[];
  /**
   * How often the readers' shared watch asks nsqlookupd which nsqd hold their topics (default 5); every second instead
   * for up to lostRecheckMs after a reader lost an nsqd.
   */
  lookupdPollIntervalSec?: number;
  /** Asks nsqd for this message timeout instead of its -msg-timeout; handlers are touched at half of it. */
  msgTimeoutMs?: number;
  /**
   * How long nsqd may hold messages for a reader before writing them out. 0 (the default) makes nsqd write each
   * message at once. nsqd's own default is 250 ms, which a reader with more than one message in flight waits out
   * on a quiet topic: too slow for push. A value above 0 must be at least nsqd's -min-output-buffer-timeout (25 ms).
   */
  outputBufferTimeoutMs?: number;
  clientId?: string;
  logger?: Logger;
  /**
   * nsqd over TLS: readers and the writer ask nsqd for TLS (nsqd's -tls-cert/-tls-key), check its certificate against
   * `ca` and present `cert` (for -tls-client-auth-policy=require-verify); nsqdHttpAddress is then nsqd's HTTPS address
   * (-https-address). nsqlookupd has no TLS: lookupdHttpAddresses stay plain HTTP.
   */
  tls?: { ca: Buffer; cert: Buffer; key: Buffer };
  /**
   * A publish nsqd has not acknowledged after this long rejects with PublishTimeoutError (default 3000), and the
   * connection it waited on is closed (the next publish connects anew): a hung or half-open nsqd fails requests
   * instead of holding them.
   */
  publishTimeoutMs?: number;
  /** Told while topics, channels or readers wait for nsqd (the node's /healthz). */
  waits?: Waits;
}

// A call to nsqd's HTTP API that has no answer after this long counts as nsqd being away (and is tried again).
const httpTimeoutMs = 5_000;
// While nsqd is away, its HTTP API is asked again with back-off from 200 ms to this; a wait is logged again at most once a minute.
const maxRetryMs = 5_000;
const rewarnMs = 60_000;

// After a reader loses an nsqd, nsqlookupd is asked every second for this long (a restarted nsqd is back in seconds).
const lostRecheckMs = 30_000;
// nsqjs's own lookupd poll, per reader: once at connect; after that the shared watch finds nsqd for every reader.
const readerPollSec = 3_600;

/**
 * A reader the shared lookupd watch connects to the nsqd listing its topic, from subscribe until its close begins;
 * `lostAt` while it has lost one.
 */
interface Reading {
  topic: string;
  reader: nsq.Reader;
  lostAt?: number;
}

/** An error of nsqd's HTTP API that says it is away (refused, reset, timed out), not that it refused the request. */
class NsqdAway extends Error {}

function hostPort(addr: string): [string, number] {
  const i = addr.lastIndexOf(":");
  return [addr.slice(0, i), Number(addr.slice(i + 1))];
}

/** nsqjs keeps the nsqd-negotiated timeout on the message but its typings omit it. */
function msgTimeoutOf(msg: nsq.Message): number {
  const ms = (msg as nsq.Message & { msgTimeout?: number }).msgTimeout;
  return typeof ms === "number" && ms > 0 ? ms : 60_000;
}

export class NsqQueue implements Queue {
  private writer?: nsq.Writer;
  private writerReady?: Promise<nsq.Writer>;
  private readonly publishing = new Set<Promise<void>>();
  private readonly subscriptions = new Set<Subscription>();
  private readonly counters: QueueStats = { published: 0, finished: 0, requeued: 0, dropped: 0 };
  private readonly log: Logger;
  private readonly waits: Waits;
  private readonly publishTimeoutMs: number;
  /** Counts the writers made: a publish that times out closes the current one only if it is the one it waited on. */
  private writerGen = 0;
  /** Wakes the background retries (topics, channels) so close() need not wait out their back-off. */
  private readonly wakers = new Set<() => void>();
  private waitCount = 0;
  /** Started with the first subscription: whether nsqlookupd lists an nsqd for the readers to find. */
  private lookupdWatch?: LookupdWatch;
  private readonly readings = new Set<Reading>();
  private closed = false;

  constructor(private readonly opts: NsqQueueOptions) {
    this.log = opts.logger ?? noLogger;
    this.waits = opts.waits ?? noWaits;
    this.publishTimeoutMs = opts.publishTimeoutMs ?? 3_000;
    if (!(this.publishTimeoutMs > 0)) throw new ConfigError(`queue.publishTimeoutMs must be above 0, got ${this.publishTimeoutMs}`);
  }

  stats(): QueueStats {
    return { ...this.counters };
  }

  /**
   * Creates topics on nsqd (idempotent), so lookupd knows them before the first message. No-op without nsqdHttpAddress.
   * While nsqd is away it resolves at once and keeps trying in the background (a warning says so; `waits` holds it).
   */
  async createTopics(topics: string[]): Promise<void> {
    const named = topics.length <= 3 ? topics.join(", ") : `${topics.length}: ${topics[0]}, …, ${topics.at(-1)}`;
    await this.whenNsqdAnswers(`creating topics ${named}`, async () => {
      for (const topic of topics) await this.nsqdPost("/topic/create", { topic });
    });
  }

  /**
   * Creates topics once, if nsqd's HTTP API answers now; no waiting and no retry (a topic is also created by its first
   * message). Resolves false when nsqd was away.
   */
  async tryCreateTopics(topics: string[]): Promise<boolean> {
    if (!this.opts.nsqdHttpAddress) return false;
    try {
      for (const topic of topics) await this.nsqdPost("/topic/create", { topic });
      return true;
    } catch (err) {
      if (err instanceof NsqdAway) return false;
      throw err;
    }
  }

  /**
   * Creates a channel (and its topic) on nsqd, so it buffers messages before its first reader connects; while nsqd
   * is away, in the background, as createTopics.
   */
  async createChannel(topic: string, channel: string): Promise<void> {
    await this.whenNsqdAnswers(`creating channel ${topic}/${channel}`, async () => {
      // nsqd 1.x creates a channel only on an existing topic.
      await this.nsqdPost("/topic/create", { topic });
      await this.nsqdPost("/channel/create", { topic, channel });
    });
  }

  /** Runs `create` now; if nsqd's HTTP API is away, again with back-off in the background until it answers or close(). */
  private async whenNsqdAnswers(what: string, create: () => Promise<void>): Promise<void> {
    if (!this.opts.nsqdHttpAddress) return;
    try {
      return await create();
    } catch (err) {
      if (!(err instanceof NsqdAway)) throw err;
      const waitKey = `nsqd ${++this.waitCount}`;
      const waitFor = `nsqd's HTTP API at ${this.opts.nsqdHttpAddress}: ${what}`;
      this.waits.waiting(waitKey, waitFor);
      this.log.warn({ nsqd: this.opts.nsqdHttpAddress }, `nsq: waiting for ${waitFor} (${err.message}); retrying in the background`);
      void this.retryInBackground(waitKey, what, create);
    }
  }

  private async retryInBackground(waitKey: string, what: string, create: () => Promise<void>): Promise<void> {
    const since = Date.now();
    let warnedAt = since;
    for (let delayMs = 200; !this.closed; delayMs = Math.min(maxRetryMs, delayMs * 2)) {
      await new Promise<void>((resolve) => {
        const wake = () => (clearTimeout(timer), this.wakers.delete(wake), resolve());
        const timer = setTimeout(wake, delayMs);
        this.wakers.add(wake);
      });
      if (this.closed) break;
      try {
        await create();
        this.log.info({ nsqd: this.opts.nsqdHttpAddress, waitedMs: Date.now() - since }, `nsq: done ${what} now that nsqd answers`);
        break;
      } catch (err) {
        if (Date.now() - warnedAt >= rewarnMs) {
          warnedAt = Date.now();
          this.log.warn({ err, nsqd: this.opts.nsqdHttpAddress }, `nsq: still waiting for nsqd's HTTP API: ${what}`);
        }
      }
    }
    this.waits.ready(waitKey);
  }

  /** nsqjs's TLS options: verified against the CA, with this node's certificate. */
  private tlsOptions() {
    const t = this.opts.tls;
    return t ? { tls: true, tlsVerification: true, ca: t.ca, cert: t.cert, key: t.key } : {};
  }

  /** POST over HTTPS with the CA and this node's certificate (fetch takes no CA of its own). */
  private httpsPost(url: string): Promise<{ ok: boolean; status: number; text(): Promise<string> }> {
    const t = this.opts.tls!;
    return new Promise((resolve, reject) => {
      const req = https.request(url, { method: "POST", ca: t.ca, cert: t.cert, key: t.key }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const status = res.statusCode ?? 0;
          resolve({ ok: status >= 200 && status < 300, status, text: async () => Buffer.concat(chunks).toString() });
        });
        res.on("error", reject);
      });
      req.on("error", reject);
      req.setTimeout(httpTimeoutMs, () => req.destroy(Object.assign(new Error("no answer"), { name: "TimeoutError" })));
      req.end();
    });
  }

  private async nsqdPost(path: string, params: Record<string, string>): Promise<void> {
    if (!this.opts.nsqdHttpAddress) return;
    const url = `${this.opts.tls ? "https" : "http"}://${this.opts.nsqdHttpAddress}${path}?${new URLSearchParams(params)}`;
    let res: { ok: boolean; status: number; text(): Promise<string> };
    try {
      res = this.opts.tls ? await this.httpsPost(url) : await fetch(url, { method: "POST", signal: AbortSignal.timeout(httpTimeoutMs) });
    } catch (err) {
      const timedOut = (err as Error | undefined)?.name === "TimeoutError";
      throw new NsqdAway(timedOut ? `no answer within ${httpTimeoutMs / 1000} s` : networkReason(err), { cause: err });
    }
    if (!res.ok) throw new Error(`nsqd POST ${path} ${JSON.stringify(params)}: HTTP ${res.status} ${await res.text()}`);
  }

  /**
   * Publishes go out once per turn, one MPUB per topic: a burst of messages costs nsqd one command. Rejects with
   * PublishTimeoutError if nsqd has not acknowledged within publishTimeoutMs (the message may still have been queued).
   */
  async publish(topic: string, body: Buffer): Promise<void> {
    if (this.closed) throw new Error("NsqQueue: publish after close");
    // The writer this publish goes out on: the current one, or, if there is none, the next one made.
    const writerGen = this.writer ? this.writerGen : this.writerGen + 1;
    const p = this.mpub.add(topic, body);
    this.publishing.add(p);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(this.publishTimedOut(writerGen)), this.publishTimeoutMs);
    });
    try {
      await Promise.race([p, deadline]);
      this.counters.published++;
    } finally {
      clearTimeout(timer);
      this.publishing.delete(p);
    }
  }

  /**
   * A publish got no acknowledgement in time: the writer it waited on (number `writerGen`), if it is still the current
   * one, is closed, which fails the publishes queued on it and lets the next publish connect anew.
   */
  private publishTimedOut(writerGen: number): PublishTimeoutError {
    const addr = this.opts.nsqdTcpAddress;
    const w = this.writer;
    if (w && this.writerGen <= writerGen) {
      this.writer = undefined;
      this.writerReady = undefined;
      this.log.warn({ nsqd: addr, timeoutMs: this.publishTimeoutMs }, "nsq: no acknowledgement from nsqd in time; closing the writer");
      w.close();
    }
    return new PublishTimeoutError(`nsqd at ${addr} did not acknowledge the publish within ${this.publishTimeoutMs} ms`);
  }

  private readonly mpub = new TurnBatcher<string, Buffer, void>(
    async (topic, bodies) => {
      const w = await this.connectWriter();
      await new Promise<void>((resolve, reject) =>
        w.publish(topic, bodies.length === 1 ? bodies[0]! : bodies, (err?: Error) => (err ? reject(err) : resolve())),
      );
      return bodies.map(() => undefined);
    },
    // nsqd refuses an MPUB body over its -max-body-size (5 MB by default).
    { maxSize: 4 * 1024 * 1024, sizeOf: (b) => b.length + 4 },
  );

  /** The connected writer, connecting a new one when there is none or the last one dropped. */
  private connectWriter(): Promise<nsq.Writer> {
    if (this.writerReady) return this.writerReady;
    const addr = this.opts.nsqdTcpAddress;
    if (!addr) return Promise.reject(new Error("NsqQueue: nsqdTcpAddress is needed to publish"));
    const [host, port] = hostPort(addr);
    const w = new nsq.Writer(host, port, { ...(this.opts.clientId ? { clientId: this.opts.clientId } : {}), ...this.tlsOptions() });
    const forget = () => {
      if (this.writer !== w) return;
      this.writer = undefined;
      this.writerReady = undefined;
    };
    const ready = new Promise<nsq.Writer>((resolve, reject) => {
      w.once("ready", () => resolve(w));
      w.once("error", reject);
      w.once("closed", () => reject(new Error(`nsqd ${addr} closed the connection before it was ready`)));
    });
    w.on("error", (err: Error) => {
      forget();
      this.log.warn({ err, nsqd: addr }, "nsq writer error");
    });
    w.on("closed", () => {
      forget();
      if (!this.closed) this.log.warn({ nsqd: addr }, "nsq writer closed; the next publish reconnects");
    });
    this.writer = w;
    this.writerReady = ready;
    this.writerGen++;
    w.connect();
    return ready;
  }

  async subscribe(topic: string, channel: string, handler: QueueHandler, opts: SubscribeOptions = {}): Promise<Subscription> {
    if (this.closed) throw new Error("NsqQueue: subscribe after close");
    const lookupd = this.opts.lookupdHttpAddresses ?? [];
    if (lookupd.length === 0) throw new Error("NsqQueue: lookupdHttpAddresses are needed to subscribe");
    await this.createChannel(topic, channel);
    const maxAttempts = opts.maxAttempts ?? 0;
    const reader = new nsq.Reader(topic, channel, {
      lookupdHTTPAddresses: lookupd,
      lookupdPollInterval: readerPollSec,
      maxInFlight: opts.maxInFlight ?? 1,
      // We give up at maxAttempts ourselves; nsqjs only discards what timed out past it.
      maxAttempts,
      ...(this.opts.outputBufferTimeoutMs
        ? { outputBufferTimeout: this.opts.outputBufferTimeoutMs }
        : { outputBufferSize: -1, outputBufferTimeout: -1 }),
      ...(this.opts.msgTimeoutMs ? { messageTimeout: this.opts.msgTimeoutMs } : {}),
      ...(this.opts.clientId ? { clientId: this.opts.clientId } : {}),
      ...this.tlsOptions(),
    });
    const running = new Set<Promise<void>>();
    let closing = false;

    reader.on("message", (msg: nsq.Message) => {
      // Messages already on the wire when close() paused the reader go back at once, unhandled.
      if (closing) return msg.requeue(0, false);
      const touch = setInterval(() => msg.touch(), msgTimeoutOf(msg) / 2);
      const p = Promise.resolve()
        .then(() => handler({ id: msg.id, body: msg.body, attempts: msg.attempts }))
        .then(
          () => {
            msg.finish();
            this.counters.finished++;
          },
          (err: unknown) => {
            if (attemptsExhausted(msg.attempts, opts)) {
              msg.finish();
              this.counters.dropped++;
              this.log.error({ err, topic, channel, id: msg.id, attempts: msg.attempts }, "nsq message dropped after maxAttempts");
              return;
            }
            // nsqd's REQ delay is in milliseconds; no reader-wide backoff, one bad message must not slow the others.
            msg.requeue(backoffDelay(msg.attempts, opts), false);
            this.counters.requeued++;
          },
        )
        .catch((err: unknown) => this.log.error({ err, topic, channel, id: msg.id }, "nsq FIN/REQ failed"))
        .finally(() => {
          clearInterval(touch);
          running.delete(p);
        });
      running.add(p);
    });
    reader.on("discard", (msg: nsq.Message) => {
      // nsqjs finishes it after this event.
      this.counters.dropped++;
      this.log.error({ topic, channel, id: msg.id, attempts: msg.attempts }, "nsq message timed out past maxAttempts; dropped");
    });
    reader.on("error", (err: Error) => this.log.warn({ err, topic, channel }, "nsq reader error"));
    const reading: Reading = { topic, reader };
    reader.on("nsqd_connected", (host: string, port: number) => {
      reading.lostAt = undefined;
      this.log.info({ topic, channel, nsqd: `${host}:${port}` }, "nsq reader connected");
    });
    reader.on("nsqd_closed", (host: string, port: number) => {
      if (closing) return;
      reading.lostAt = Date.now();
      this.lookupdWatch?.soon();
      this.log.warn({ topic, channel, nsqd: `${host}:${port}` }, "nsq reader lost nsqd");
    });
    this.readings.add(reading);
    this.lookupdWatch ??= watchLookupd(lookupd, 1_000 * (this.opts.lookupdPollIntervalSec ?? 5), this.waits, this.log, (nsqd) =>
      this.connectReaders(nsqd),
    );
    reader.connect();

    return closeOnceSubscription(this.subscriptions, async () => {
      closing = true;
      this.readings.delete(reading);
      // RDY 0 first, answer what is in hand, then CLS: nothing is left in flight to wait out msg-timeout.
      reader.pause();
      await Promise.allSettled([...running]);
      // nsqjs writes FIN/REQ on the next tick; let them out before the connection ends.
      await new Promise((r) => setImmediate(r));
      reader.close();
    });
  }

  /**
   * Connects each reader to the nsqd listed with its topic that it is not connected to yet; while a reader that lost
   * an nsqd has none back, nsqlookupd is asked again in a second.
   */
  private connectReaders(listed: NsqdListed[]): void {
    let missing = false;
    for (const r of this.readings) {
      // nsqjs keeps "host:port" of each connection it holds; its typings omit the list.
      const held = (r.reader as nsq.Reader & { connectionIds?: string[] }).connectionIds ?? [];
      for (const n of listed) {
        if (n.topics.includes(r.topic) && !held.includes(`${n.host}:${n.port}`)) r.reader.connectToNSQD(n.host, n.port);
      }
      if (r.lostAt !== undefined && Date.now() - r.lostAt < lostRecheckMs) missing = true;
    }
    if (missing) this.lookupdWatch?.soon();
  }

  /** Closes every subscription (waiting for their handlers), waits for publishes in progress, then the writer. */
  async close(): Promise<void> {
    this.closed = true;
    this.lookupdWatch?.stop();
    for (const wake of [...this.wakers]) wake();
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await Promise.allSettled([...this.publishing]);
    const w = this.writer;
    this.writer = undefined;
    this.writerReady = undefined;
    w?.close();
  }
}
