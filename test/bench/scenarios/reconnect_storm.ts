// The reconnect storm (issues 15, 16): N clients in R rooms, all on K conn processes of a cluster with history in
// Redis, while a service pushes IMPORTANT messages to the rooms; the K processes are killed with -9 at once (a host's
// conn processes: one process may hold under 20,000 sockets here), every client reconnects 250-500 ms later to one of K
// other conn processes and recovers from its position. Measures the time from the kill until every client had its
// sign-in and recovery answered, whether every client had every message of its room once, the CPU each surviving
// process spent meanwhile (Redis included) and the commands Redis ran. `pnpm bench --scenarios reconnectStorm` and
// `pnpm bench:recovery` run it.
import { fork, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import Redis from "ioredis";
import { PUSH_SCOPE, Tokens } from "@roomcast/pkg/token";
import { startCluster } from "../../harness/cluster";
import { startRedis } from "../../harness/redis";
import { TOKEN_SECRET } from "../../harness/roomcast";
import { killAll } from "../../harness/proc";
import { benchTuning } from "../systems/roomcast";
import { changeSince, cpuSeconds } from "../procfs";
import { postJson } from "../systems/http_post";
import type { CheckReport, RecoveryCommand, RecoveryReport } from "../recovery_worker";

export interface StormParams {
  /** Clients, all on the conn processes that are killed. */
  clients: number;
  /** Rooms the clients share. */
  rooms: number;
  /** IMPORTANT messages per second from the service, over all rooms. */
  rate: number;
  /** conn processes that hold the clients and are killed together (as many others take them). */
  killed: number;
}

export interface StormResult {
  clients: number;
  /** Clients that saw their connection drop (every one, when the kill works). */
  lost: number;
  /** Clients whose sign-in and recovery were answered after the kill. */
  answered: number;
  recovered: number;
  /** Why the others were not recovered, by reason. */
  notRecovered: Record<string, number>;
  /** From the kill until every client's recovery was answered. */
  allAnsweredMs: number;
  /** Messages the recoveries delivered. */
  missedDelivered: number;
  /** Copies of a message a client had already (an SDK drops them by offset). */
  copies: number;
  /** Sign-ins answered 500 and sent again. */
  retried: number;
  pushed: number;
  pushesRefused: number;
  /** Clients with every message of their room since their first sign-in. */
  complete: number;
  missing: number;
  /** Of the missing: those of clients told recovery was unavailable. */
  missingUnavailable: number;
  /** CPU seconds of each surviving server process from the kill until all answered. */
  cpuSecByProcess: Record<string, number>;
  redisCommands: number;
}

const CLIENTS_PER_WORKER = 5_000;

class Worker {
  private readonly waiting: Array<(r: unknown) => void> = [];
  constructor(readonly child: ChildProcess) {
    child.on("message", (r) => this.waiting.shift()?.(r));
  }
  next<T>(): Promise<T> {
    return new Promise((resolve) => this.waiting.push(resolve as (r: unknown) => void));
  }
  ask<T>(cmd: RecoveryCommand): Promise<T> {
    const p = this.next<T>();
    this.child.send(cmd);
    return p;
  }
}

/** Runs one storm on a cluster of its own (2K conn processes, 1 logic, 1 job, NSQ, etcd, Redis), stopped after. */
export async function reconnectStorm(o: StormParams, nodeArgs: string[] = []): Promise<StormResult> {
  const redis = await startRedis();
  const c = await startCluster({
    conns: 2 * o.killed,
    nodeArgs,
    logics: 1,
    jobs: 1,
    ttlSec: 10,
    connEnv: benchTuning,
    env: { ROOMCAST_HISTORY_REDIS_URL: redis.url },
    normalNsqd: true,
    secondNsqd: true,
  });
  const workers: Worker[] = [];
  try {
    const rooms = Array.from({ length: o.rooms }, (_, i) => `recovery-${i}`);
    const tokens = new Tokens({ secret: TOKEN_SECRET, ttlSec: 3_600 });
    // Worker w's clients sign in on conn process w mod K and reconnect to process K + (w mod K).
    const urlsOf = (w: number): [string, string] => [c.wsUrls[w % o.killed]!, c.wsUrls[o.killed + (w % o.killed)]!];
    const killed = c.conns.slice(0, o.killed);
    const count = Math.max(o.killed, Math.ceil(o.clients / CLIENTS_PER_WORKER));
    const perWorker = Math.ceil(o.clients / count);
    for (let w = 0; w < count; w++)
      workers.push(
        new Worker(
          fork(path.join(__dirname, "..", "recovery_worker.ts"), [], {
            execArgv: ["--import", "tsx"],
            stdio: ["ignore", "inherit", "inherit", "ipc"],
          }),
        ),
      );
    const t0 = Date.now();
    await Promise.all(
      workers.map((w, i) => {
        const from = i * perWorker;
        const to = Math.min(o.clients, from + perWorker);
        const own = Array.from({ length: to - from }, (_, k) => tokens.sign(`bench-${from + k}`));
        return w.ask({ type: "join", urls: urlsOf(i), tokens: own, rooms, from, to });
      }),
    );
    console.log(`${o.clients} clients signed in to ${o.rooms} rooms on ${killed.map((k) => k.name).join(", ")} in ${Date.now() - t0} ms`);

    // The service's pushes, open loop, round robin over the rooms.
    const push = new Tokens({ secret: TOKEN_SECRET, ttlSec: 3_600 }).sign("bench-service", PUSH_SCOPE);
    let sent = 0;
    let refused = 0;
    let pushing = true;
    const pusher = (async () => {
      const started = Date.now();
      while (pushing) {
        const due = Math.floor(((Date.now() - started) * o.rate) / 1000);
        const batch: Promise<void>[] = [];
        while (sent + batch.length < due) {
          const room = rooms[(sent + batch.length) % rooms.length]!;
          batch.push(
            postJson(`${c.httpUrls[0]}/msg`, { room_id: room, msg: `m${sent + batch.length}` }, { authorization: `Bearer ${push}` }).then(
              (r) => void (r.status === 200 || refused++),
              () => void refused++,
            ),
          );
        }
        sent += batch.length;
        await Promise.all(batch);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    await new Promise((r) => setTimeout(r, 3_000));

    const survivors = [...c.procs.filter((p) => !killed.includes(p)), ...c.infra(), redis.proc];
    const cpuOf = changeSince(
      survivors.map((p) => ({ name: p.name, pid: p.child.pid! })),
      cpuSeconds,
    );
    const probe = new Redis(redis.url);
    const commandsBefore = Number(/total_commands_processed:(\d+)/.exec(await probe.info("stats"))![1]);
    const killedAt = Date.now();
    await Promise.all(killed.map((k) => k.kill9()));
    console.log(`killed ${killed.map((k) => k.name).join(", ")} at +0 ms`);

    let reports: RecoveryReport[] = [];
    const deadline = killedAt + 60_000;
    for (;;) {
      await new Promise((r) => setTimeout(r, 250));
      reports = await Promise.all(workers.map((w) => w.ask<RecoveryReport>({ type: "report" })));
      const answered = reports.reduce((n, r) => n + r.answered, 0);
      if (answered >= o.clients || Date.now() > deadline) break;
    }
    const allAnsweredAt = Math.max(...reports.map((r) => r.lastAnsweredAt));
    const cpuSecByProcess = cpuOf((s) => Math.round(s * 100) / 100);
    const commandsAfter = Number(/total_commands_processed:(\d+)/.exec(await probe.info("stats"))![1]);
    await new Promise((r) => setTimeout(r, 2_000));
    pushing = false;
    await pusher;
    await new Promise((r) => setTimeout(r, 2_000));

    // Every room's newest offset, from history, against each client's.
    const final: Record<string, number> = {};
    for (const room of rooms) {
      const res = await fetch(`${c.httpUrls[0]}/history?room_id=${room}&limit=1`, { headers: { authorization: `Bearer ${push}` } });
      final[room] = ((await res.json()) as { data: { offset: number } }).data.offset;
    }
    // Pushes job retries (an overloaded node answers late) may still be on their way: check until nothing changes.
    let checks: CheckReport[] = [];
    let before = -1;
    for (let i = 0; i < 20; i++) {
      checks = await Promise.all(workers.map((w) => w.ask<CheckReport>({ type: "check", final })));
      const missing = checks.reduce((n, x) => n + x.missing, 0);
      if (missing === before) break;
      before = missing;
      await new Promise((r) => setTimeout(r, 1_000));
    }
    const sum = (f: (r: RecoveryReport) => number) => reports.reduce((n, r) => n + f(r), 0);
    const notRecovered: Record<string, number> = {};
    for (const r of reports) for (const [k, v] of Object.entries(r.reasons)) notRecovered[k] = (notRecovered[k] ?? 0) + v;
    probe.disconnect();
    return {
      clients: o.clients,
      lost: sum((r) => r.lost),
      answered: sum((r) => r.answered),
      recovered: sum((r) => r.recovered),
      notRecovered,
      allAnsweredMs: allAnsweredAt - killedAt,
      missedDelivered: sum((r) => r.missedDelivered),
      copies: sum((r) => r.dups),
      retried: sum((r) => r.retries),
      pushed: sent,
      pushesRefused: refused,
      complete: checks.reduce((n, x) => n + x.complete, 0),
      missing: checks.reduce((n, x) => n + x.missing, 0),
      missingUnavailable: checks.reduce((n, x) => n + x.missingUnavailable, 0),
      cpuSecByProcess,
      redisCommands: commandsAfter - commandsBefore,
    };
  } finally {
    for (const w of workers) w.child.kill();
    await c.stop();
    await redis.stop();
    await killAll();
  }
}
