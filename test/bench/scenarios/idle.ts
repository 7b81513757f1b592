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
  /** Sockets it took on (its open files after minus before). */
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
  /** The largest per-process figure. */
  rssBytesPerConnection: number;
  kernelBytesPerConnection: number;
  /** Connections the server closed while idle. */
  lost: number;
  gc: boolean;
}

const mb = (b: number) => Math.round(b / 1024 / 102.4) / 10;

export async function idle(sut: SystemUnderTest, p: IdleParams): Promise<IdleResult> {
  const tag = `idle${Date.now().toString(36)}`;
  const reading = async () => {
    await sut.gc?.();
    return { at: new Map(sut.connPids().map((pid) => [pid, { rss: rssBytes(pid), fds: openFiles(pid) }])), kernel: tcpSocketBytes() };
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
      rssBytesPerConnection: Math.max(...processes.map((x) => x.bytesPerConnection)),
      kernelBytesPerConnection: Math.round((after.kernel - before.kernel) / joined.joined),
      lost,
      gc: sut.gc !== undefined,
    };
    console.log(
      `  ${sut.name}: ${r.joined} idle in ${r.joinSec} s (${r.signInsPerSec}/s, ${r.retried} retried), ${r.rssBytesPerConnection} B RSS/conn, ` +
        `${r.kernelBytesPerConnection} B kernel/conn, lost ${lost}, per process ${processes.map((x) => x.connections).join("/")}`,
    );
    return r;
  } finally {
    await pool.close();
  }
}
