// NSQ behind the Queue interface: an nsqjs Writer to the local nsqd, Readers that find nsqd through nsqlookupd.
import * as https from "node:https";
import * as nsq from "nsqjs";
import { TurnBatcher } from "../batch/turn";
import { noLogger, type Logger } from "../log/log";
import { StartError, networkReason } from "../lifecycle/failure";
import {
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
  /** How often readers ask lookupd for nsqd nodes of their topic (default 5). */
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
}

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
  private closed = false;

  constructor(private readonly opts: NsqQueueOptions) {
    this.log = opts.logger ?? noLogger;
  }

  stats(): QueueStats {
    return { ...this.counters };
  }

  /** Creates topics on nsqd (idempotent), so lookupd knows them before the first message. No-op without nsqdHttpAddress. */
  async createTopics(topics: string[]): Promise<void> {
    for (const topic of topics) await this.nsqdPost("/topic/create", { topic });
  }

  /** Creates a channel (and its topic) on nsqd, so it buffers messages before its first reader connects. */
  async createChannel(topic: string, channel: string): Promise<void> {
    // nsqd 1.x creates a channel only on an existing topic.
    await this.nsqdPost("/topic/create", { topic });
    await this.nsqdPost("/channel/create", { topic, channel });
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
      req.end();
    });
  }

  private async nsqdPost(path: string, params: Record<string, string>): Promise<void> {
    if (!this.opts.nsqdHttpAddress) return;
    const url = `${this.opts.tls ? "https" : "http"}://${this.opts.nsqdHttpAddress}${path}?${new URLSearchParams(params)}`;
    let res: { ok: boolean; status: number; text(): Promise<string> };
    try {
      res = this.opts.tls ? await this.httpsPost(url) : await fetch(url, { method: "POST" });
    } catch (err) {
      throw new StartError(
        `cannot reach nsqd's HTTP API at ${this.opts.nsqdHttpAddress} (${networkReason(err)}): start nsqd or set queue.nsqdHttp`,
        { cause: err },
      );
    }
    if (!res.ok) throw new Error(`nsqd POST ${path} ${JSON.stringify(params)}: HTTP ${res.status} ${await res.text()}`);
  }

  /** Publishes go out once per turn, one MPUB per topic: a burst of messages costs nsqd one command. */
  async publish(topic: string, body: Buffer): Promise<void> {
    if (this.closed) throw new Error("NsqQueue: publish after close");
    const p = this.mpub.add(topic, body);
    this.publishing.add(p);
    try {
      await p;
      this.counters.published++;
    } finally {
      this.publishing.delete(p);
    }
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
      lookupdPollInterval: this.opts.lookupdPollIntervalSec ?? 5,
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
    reader.on("nsqd_connected", (host: string, port: number) =>
      this.log.info({ topic, channel, nsqd: `${host}:${port}` }, "nsq reader connected"),
    );
    reader.on("nsqd_closed", (host: string, port: number) => {
      if (!closing) this.log.warn({ topic, channel, nsqd: `${host}:${port}` }, "nsq reader lost nsqd");
    });
    reader.connect();

    return closeOnceSubscription(this.subscriptions, async () => {
      closing = true;
      // RDY 0 first, answer what is in hand, then CLS: nothing is left in flight to wait out msg-timeout.
      reader.pause();
      await Promise.allSettled([...running]);
      // nsqjs writes FIN/REQ on the next tick; let them out before the connection ends.
      await new Promise((r) => setImmediate(r));
      reader.close();
    });
  }

  /** Closes every subscription (waiting for their handlers), waits for publishes in progress, then the writer. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await Promise.allSettled([...this.publishing]);
    const w = this.writer;
    this.writer = undefined;
    this.writerReady = undefined;
    w?.close();
  }
}
