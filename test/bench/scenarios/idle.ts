// Idle connections: N clients sign in (rooms of 100) and stay silent but for heartbeats. Measured: sign-ins per
// second, resident memory per connection of each process that holds them (after a GC where the runtime lets
// the harness ask), and the kernel's TCP socket memory per connection.
import { setTimeout as sleep } from "node:timers/promises";
import { LoadPool, MAX_CLIENTS_PER_WORKER } from "../loadgen/pool";
import { openFiles, rssBytes, tcpSocketBytes } from "../procfs";
import type { SystemUnderTest } from "../systems/system";
import { localAddresses } from "./rooms";

export interface IdleParams {
  connections: number;
  roomSize: number;
  /** Seconds the connections sit idle before the second reading. */
  holdSec: number;
  /** Source addresses: each gives ~28k ports towards one server port. */
  localAddresses: number;
}

export interface IdleProcess {
  pid: number;
  /** Sockets it took on (its open files after minus before, each read once the count stopped changing). */
  connections: number;
  rssBeforeMB: number;
  rssAfterMB: number;
  bytesPerConnection: number;
}

export interface IdleResult {
  connections: number;
  joined: number;
  joinSec: number;
  signInsPerSec: number;
  /** Connection attempts that failed and were made again. */
  retried: number;
  processes: IdleProcess[];
  /** Open client connections by the server's own count, after the hold (where it exports one: sut.connections). */
  serverConnections?: number;
  /** The largest per-process figure. */
  rssBytesPerConnection: number;
  kernelBytesPerConnection: number;
  /** Connections the server closed while idle. */
  lost: number;
  gc: boolean;
}

const mb = (b: number) => Math.round(b / 1024 / 102.4) / 10;

/**
 * A process's open files once the count holds still for three readings 100 ms apart (at most 10 s): sockets that
 * are closing (an earlier scenario's, the harness's own requests) leave before the figure is taken.
 */
async function settledOpenFiles(pid: number): Promise<number> {
  const deadline = Date.now() + 10_000;
  let last = openFiles(pid);
  let same = 0;
  while (same < 2 && Date.now() < deadline) {
    await sleep(100);
    const now = openFiles(pid);
    same = now === last ? same + 1 : 0;
    last = now;
  }
  return last;
}

export async function idle(sut: SystemUnderTest, p: IdleParams): Promise<IdleResult> {
  const tag = `idle${Date.now().toString(36)}`;
  const reading = async () => {
    await sut.gc?.();
    const fds = await Promise.all(sut.connPids().map(async (pid) => [pid, await settledOpenFiles(pid)] as const));
    return { at: new Map(fds.map(([pid, n]) => [pid, { rss: rssBytes(pid), fds: n }])), kernel: tcpSocketBytes() };
  };
  await sleep(500); // sockets of an earlier scenario finish closing
  const before = await reading();
  const pool = LoadPool.start(Math.ceil(p.connections / MAX_CLIENTS_PER_WORKER));
  try {
    const started = Date.now();
    const joined = await pool.join({
      client: sut.client,
      urls: sut.wsUrls,
      token: sut.token,
      rooms: Array.from({ length: p.connections }, (_, i) => `${tag}-${Math.floor(i / p.roomSize)}`),
      localAddresses: localAddresses(p.localAddresses),
      // Sign-ins wait on logic anyway; more in flight only queue.
      concurrency: 50,
      timeoutMs: 600_000,
    });
    const joinSec = (Date.now() - started) / 1000;
    await sleep(p.holdSec * 1000);
    const after = await reading();
    // After the file counts: the request for it is a socket too.
    const serverConnections = await sut.connections?.();
    const lost = (await pool.report()).lost;
    const processes: IdleProcess[] = [...after.at].map(([pid, a]) => {
      const b = before.at.get(pid)!;
      const connections = a.fds - b.fds;
      return {
        pid,
        connections,
        rssBeforeMB: mb(b.rss),
        rssAfterMB: mb(a.rss),
        bytesPerConnection: connections > 0 ? Math.round((a.rss - b.rss) / connections) : 0,
      };
    });
    const r: IdleResult = {
      connections: p.connections,
      joined: joined.joined,
      joinSec: Math.round(joinSec * 10) / 10,
      signInsPerSec: Math.round(joined.joined / joinSec),
      retried: joined.retried,
      processes,
      serverConnections,
      rssBytesPerConnection: Math.max(...processes.map((x) => x.bytesPerConnection)),
      kernelBytesPerConnection: Math.round((after.kernel - before.kernel) / joined.joined),
      lost,
      gc: sut.gc !== undefined,
    };
    console.log(
      `  ${sut.name}: ${r.joined} idle in ${r.joinSec} s (${r.signInsPerSec}/s, ${r.retried} retried), ${r.rssBytesPerConnection} B RSS/conn, ` +
        `${r.kernelBytesPerConnection} B kernel/conn, lost ${lost}, per process ${processes.map((x) => x.connections).join("/")}` +
        (serverConnections === undefined ? "" : `, server counts ${serverConnections}`),
    );
    return r;
  } finally {
    await pool.close();
  }
}
