// NSQ behind the Queue interface: nsqjs Writer to the local nsqd, Readers that find nsqd through nsqlookupd.
import * as nsq from "nsqjs";
import { backoffDelay, type Queue, type QueueHandler, type SubscribeOptions, type Subscription } from "./queue";

interface Log {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface NsqQueueOptions {
  /** nsqd TCP address to publish to ("127.0.0.1:4150"); needed only to publish. */
  nsqdTcpAddress?: string;
  /** nsqd HTTP address; used to create topics up front so readers find them through lookupd at once. */
  nsqdHttpAddress?: string;
  /** nsqlookupd HTTP addresses the readers discover nsqd through; needed only to subscribe. */
  lookupdHttpAddresses?: string[];
  lookupdPollIntervalSec?: number;
  clientId?: string;
  logger?: Log;
}

const silent: Log = { info() {}, warn() {}, error() {} };

function hostPort(addr: string): [string, number] {
  const i = addr.lastIndexOf(":");
  return [addr.slice(0, i), Number(addr.slice(i + 1))];
}

export class NsqQueue implements Queue {
  private writer?: nsq.Writer;
  private writerReady?: Promise<nsq.Writer>;
  private readonly readers = new Set<nsq.Reader>();
  private readonly log: Log;
  private closed = false;

  constructor(private readonly opts: NsqQueueOptions) {
    this.log = opts.logger ?? silent;
  }

  /** Creates topics on nsqd (idempotent), so consumers polling lookupd see them before the first message. */
  async createTopics(topics: string[]): Promise<void> {
    if (!this.opts.nsqdHttpAddress) return;
    for (const t of topics) {
      const res = await fetch(`http://${this.opts.nsqdHttpAddress}/topic/create?topic=${encodeURIComponent(t)}`, { method: "POST" });
      if (!res.ok) throw new Error(`nsqd /topic/create?topic=${t}: HTTP ${res.status} ${await res.text()}`);
    }
  }

  private connectWriter(): Promise<nsq.Writer> {
    if (this.writerReady) return this.writerReady;
    if (!this.opts.nsqdTcpAddress) return Promise.reject(new Error("NsqQueue: nsqdTcpAddress is needed to publish"));
    const [host, port] = hostPort(this.opts.nsqdTcpAddress);
    const w = new nsq.Writer(host, port, this.opts.clientId ? { clientId: this.opts.clientId } : {});
    this.writerReady = new Promise<nsq.Writer>((resolve, reject) => {
      const onReady = () => {
        w.removeListener("error", onFirstError);
        resolve(w);
      };
      const onFirstError = (err: Error) => {
        w.removeListener("ready", onReady);
        this.writerReady = undefined;
        reject(err);
      };
      w.once("ready", onReady);
      w.once("error", onFirstError);
    });
    w.on("error", (err: Error) => this.log.warn({ err, nsqd: this.opts.nsqdTcpAddress }, "nsq writer error"));
    w.on("closed", () => {
      // The next publish reconnects.
      if (this.writer === w) {
        this.writer = undefined;
        this.writerReady = undefined;
      }
      if (!this.closed) this.log.warn({ nsqd: this.opts.nsqdTcpAddress }, "nsq writer closed");
    });
    this.writer = w;
    w.connect();
    return this.writerReady;
  }

  async publish(topic: string, body: Buffer): Promise<void> {
    if (this.closed) throw new Error("queue closed");
    const w = await this.connectWriter();
    await new Promise<void>((resolve, reject) => w.publish(topic, body, (err?: Error) => (err ? reject(err) : resolve())));
  }

  async subscribe(topic: string, channel: string, handler: QueueHandler, opts: SubscribeOptions = {}): Promise<Subscription> {
    const lookupd = this.opts.lookupdHttpAddresses ?? [];
    if (lookupd.length === 0) throw new Error("NsqQueue: lookupdHttpAddresses are needed to subscribe");
    const reader = new nsq.Reader(topic, channel, {
      lookupdHTTPAddresses: lookupd,
      lookupdPollInterval: this.opts.lookupdPollIntervalSec ?? 5,
      maxInFlight: opts.maxInFlight ?? 1,
      maxAttempts: opts.maxAttempts ?? 0,
      ...(this.opts.clientId ? { clientId: this.opts.clientId } : {}),
    });
    const inflight = new Set<Promise<void>>();
    reader.on("message", (msg: nsq.Message) => {
      const touch = setInterval(() => msg.touch(), 20_000);
      const p = Promise.resolve()
        .then(() => handler({ id: msg.id, body: msg.body, attempts: msg.attempts }))
        .then(
          () => msg.finish(),
          () => msg.requeue(backoffDelay(msg.attempts, opts), false),
        )
        .catch((err: unknown) => this.log.warn({ err, topic }, "nsq message response failed"))
        .finally(() => {
          clearInterval(touch);
          inflight.delete(p);
        });
      inflight.add(p);
    });
    // nsqjs discards messages over maxAttempts; finish them so nsqd does not keep them.
    reader.on("discard", (msg: nsq.Message) => {
      this.log.error({ topic, channel, id: msg.id, attempts: msg.attempts }, "nsq message over maxAttempts dropped");
      msg.finish();
    });
    reader.on("error", (err: Error) => this.log.warn({ err, topic, channel }, "nsq reader error"));
    reader.on("nsqd_connected", (host: string, port: number) =>
      this.log.info({ topic, channel, nsqd: `${host}:${port}` }, "nsq reader connected"),
    );
    reader.connect();
    this.readers.add(reader);
    return {
      close: async () => {
        // Stop new deliveries, answer the ones in hand, then disconnect; nsqd requeues anything unanswered.
        reader.pause();
        await Promise.allSettled([...inflight]);
        this.readers.delete(reader);
        reader.close();
      },
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const r of this.readers) r.close();
    this.readers.clear();
    this.writer?.close();
    this.writer = undefined;
    this.writerReady = undefined;
  }
}
