// The driver's side of the load generator: forks worker processes and speaks to them over IPC.
import { fork, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import * as hdr from "hdr-histogram-js";
import type { ClientKind } from "./client";
import { newLatencyHistogram, type PublisherSpec, type StepStats, type WorkerCommand, type WorkerReply } from "./messages";

/** One process may open 20,000 files here: stay well under it. */
export const MAX_CLIENTS_PER_WORKER = 15_000;

class Worker {
  private readonly waiting: Array<(r: WorkerReply) => void> = [];
  constructor(readonly child: ChildProcess) {
    child.on("message", (r: WorkerReply) => this.waiting.shift()?.(r));
  }
  ask<T extends WorkerReply["type"]>(cmd: WorkerCommand, expected: T, timeoutMs: number): Promise<Extract<WorkerReply, { type: T }>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`load-generator worker: no "${expected}" within ${timeoutMs} ms`)), timeoutMs);
      this.waiting.push((r) => {
        clearTimeout(timer);
        if (r.type !== expected) reject(new Error(`load-generator worker answered ${r.type}, expected ${expected}`));
        else resolve(r as Extract<WorkerReply, { type: T }>);
      });
      this.child.send(cmd);
    });
  }
}

export interface Totals extends Omit<StepStats, "histogram"> {
  histogram: hdr.Histogram;
}

export class LoadPool {
  private constructor(private readonly workers: Worker[]) {}

  static start(count: number): LoadPool {
    const workers = Array.from({ length: count }, () => {
      const child = fork(path.join(__dirname, "worker.ts"), [], {
        execArgv: ["--import", "tsx"],
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      });
      return new Worker(child);
    });
    return new LoadPool(workers);
  }

  get size(): number {
    return this.workers.length;
  }

  /**
   * Splits the clients over the workers in order: worker w gets clients [w·k, (w+1)·k). Throws when any client
   * could not join after its retries: a scenario measures the load it asked for or none.
   */
  async join(opts: {
    client: ClientKind;
    urls: string[];
    token: string;
    /** A token per client, instead of `token` for all. */
    tokens?: string[];
    rooms: string[];
    also?: string[][];
    localAddresses: string[];
    concurrency?: number;
    retries?: number;
    timeoutMs: number;
  }) {
    const per = Math.ceil(opts.rooms.length / this.workers.length);
    const replies = await Promise.all(
      this.workers.map((w, i) =>
        w.ask(
          {
            type: "join",
            client: opts.client,
            urls: opts.urls,
            token: opts.token,
            rooms: opts.rooms.slice(i * per, (i + 1) * per),
            ...(opts.tokens ? { tokens: opts.tokens.slice(i * per, (i + 1) * per) } : {}),
            ...(opts.also ? { also: opts.also.slice(i * per, (i + 1) * per) } : {}),
            localAddresses: opts.localAddresses,
            concurrency: opts.concurrency ?? 100,
            retries: opts.retries ?? 3,
          },
          "joined",
          opts.timeoutMs,
        ),
      ),
    );
    const failed = replies.reduce((n, r) => n + r.failed, 0);
    if (failed > 0) {
      const firstError = replies.find((r) => r.firstError)?.firstError ?? "";
      throw new Error(`${failed} of ${opts.rooms.length} clients could not join: ${firstError}`);
    }
    return {
      joined: replies.reduce((n, r) => n + r.joined, 0),
      retried: replies.reduce((n, r) => n + r.retried, 0),
      perWorker: per,
    };
  }

  /** Runs publishers in the workers that hold their clients; resolves with messages sent per publisher id. */
  async publish(startUs: number, size: number, byWorker: Map<number, PublisherSpec[]>, timeoutMs: number) {
    const counts: Record<number, number> = {};
    await Promise.all(
      [...byWorker].map(async ([w, publishers]) => {
        const r = await this.workers[w].ask({ type: "publish", startUs, size, publishers }, "published", timeoutMs);
        Object.assign(counts, r.counts);
      }),
    );
    return counts;
  }

  /**
   * Waits until the workers have seen `expected` distinct deliveries since the last report, or until the count
   * stops growing for quietMs, or maxMs at most: messages still queued in a busy system or in the load
   * generator itself are not counted as missing. Resolves with the time (ms) the count last grew.
   */
  async drain(expected: number, quietMs: number, maxMs: number): Promise<number> {
    const deadline = Date.now() + maxMs;
    let last = -1;
    let lastGrowth = Date.now();
    for (;;) {
      const counts = await Promise.all(this.workers.map((w) => w.ask({ type: "count" }, "count", 30_000)));
      const unique = counts.reduce((n, c) => n + c.unique, 0);
      if (unique !== last) [last, lastGrowth] = [unique, Date.now()];
      if (unique >= expected || Date.now() >= deadline || Date.now() - lastGrowth >= quietMs) return lastGrowth;
      await sleep(100);
    }
  }

  /** Everything received since the last report, summed over workers; the counters start again at zero. */
  async report(): Promise<Totals> {
    const stats = await Promise.all(this.workers.map((w) => w.ask({ type: "report" }, "report", 30_000)));
    const histogram = newLatencyHistogram();
    const t: Totals = { messages: 0, frames: 0, unique: 0, dups: 0, foreign: 0, lost: 0, histogram };
    for (const { stats: s } of stats) {
      t.messages += s.messages;
      t.frames += s.frames;
      t.unique += s.unique;
      t.dups += s.dups;
      t.foreign += s.foreign;
      t.lost += s.lost;
      const h = hdr.decodeFromCompressedBase64(s.histogram, 64);
      histogram.add(h);
      h.destroy();
    }
    return t;
  }

  async close(): Promise<void> {
    await Promise.all(
      this.workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.child.exitCode !== null) return resolve();
            w.child.once("exit", () => resolve());
            w.child.send({ type: "close" } satisfies WorkerCommand);
            setTimeout(() => w.child.kill("SIGKILL"), 5_000).unref();
          }),
      ),
    );
  }
}
