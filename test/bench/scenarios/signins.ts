// Sign-in storm (issue 16): N clients, each with a token of its own where the system checks tokens, connect and sign in to rooms of 100, `concurrency` at a time from each of
// `workers` load processes, and leave. Measured: sign-ins per second of wall time and per server CPU-second, with
// the CPU of every server process (a cluster's conn, logic, job, nsqd, nsqlookupd, etcd and Redis) counted from the
// first connection until the last sign-in was answered and the online reports it caused were sent.
import { setTimeout as sleep } from "node:timers/promises";
import { LoadPool } from "../loadgen/pool";
import { changeSince, cpuSeconds, totalCpuSeconds, waitForQuiet } from "../procfs";
import type { SystemUnderTest } from "../systems/system";
import { localAddresses } from "./rooms";

export interface SignInsParams {
  connections: number;
  roomSize: number;
  /** Sign-ins in flight per load process. */
  concurrency: number;
  workers: number;
  localAddresses: number;
}

export interface SignInsResult {
  connections: number;
  joined: number;
  /** Connection attempts that failed and were made again. */
  retried: number;
  joinSec: number;
  signInsPerSec: number;
  serverCpuSec: number;
  signInsPerCpuSec: number;
  /** Server CPU per sign-in, µs. */
  cpuUsPerSignIn: number;
  /**
   * The server's CPU with nothing to do, CPU-seconds per second, read just before (timers, reports, registry leases,
   * queue polling): a cluster spends it whatever the load, and a slower load generator stretches the storm over more of it.
   */
  idleCpuPerSec: number;
  /** Server CPU per sign-in less the idle CPU of the storm's duration, µs: what a sign-in itself costs. */
  netCpuUsPerSignIn: number;
  /** The same, per server process (where the system names them): which tier spends what. */
  cpuUsPerSignInByProcess?: Record<string, number>;
}

/** After the last answer: a cluster's online reports (every 1 s) and anything else the sign-ins set off. */
const TAIL_MS = 1_500;
/** How long the idle server is read before the storm. */
const IDLE_READING_MS = 3_000;

export async function signIns(sut: SystemUnderTest, p: SignInsParams): Promise<SignInsResult> {
  const tag = `signin${Date.now().toString(36)}`;
  await waitForQuiet(sut.pids);
  const pool = LoadPool.start(p.workers);
  try {
    await sleep(1_000); // the workers' own start-up (tsx) is not the server's
    const idle0 = totalCpuSeconds(sut.pids());
    await sleep(IDLE_READING_MS);
    const idleCpuPerSec = ((totalCpuSeconds(sut.pids()) - idle0) * 1000) / IDLE_READING_MS;
    const named = sut.processes?.() ?? [];
    const cpu0 = totalCpuSeconds(sut.pids());
    const cpuOf = changeSince(named, cpuSeconds);
    const started = Date.now();
    const joined = await pool.join({
      client: sut.client,
      urls: sut.wsUrls,
      token: sut.token,
      ...(sut.tokenFor ? { tokens: Array.from({ length: p.connections }, (_, i) => sut.tokenFor!(i)) } : {}),
      rooms: Array.from({ length: p.connections }, (_, i) => `${tag}-${Math.floor(i / p.roomSize)}`),
      localAddresses: localAddresses(p.localAddresses),
      concurrency: p.concurrency,
      timeoutMs: 600_000,
    });
    const joinSec = (Date.now() - started) / 1000;
    await sleep(TAIL_MS);
    const cpu = totalCpuSeconds(sut.pids()) - cpu0;
    const byProcess = cpuOf((s) => Math.round((s * 1e6) / joined.joined));
    const r: SignInsResult = {
      connections: p.connections,
      joined: joined.joined,
      retried: joined.retried,
      joinSec: Math.round(joinSec * 100) / 100,
      signInsPerSec: Math.round(joined.joined / joinSec),
      serverCpuSec: Math.round(cpu * 100) / 100,
      signInsPerCpuSec: cpu > 0 ? Math.round(joined.joined / cpu) : 0,
      cpuUsPerSignIn: Math.round((cpu * 1e6) / joined.joined),
      idleCpuPerSec: Math.round(idleCpuPerSec * 1000) / 1000,
      netCpuUsPerSignIn: Math.round(((cpu - idleCpuPerSec * (joinSec + TAIL_MS / 1000)) * 1e6) / joined.joined),
      ...(named.length ? { cpuUsPerSignInByProcess: byProcess } : {}),
    };
    console.log(
      `  ${sut.name}: ${r.joined} signed in in ${r.joinSec} s (${r.signInsPerSec}/s, ${r.retried} retried), ` +
        `server CPU ${r.serverCpuSec} s: ${r.signInsPerCpuSec}/CPU-s, ${r.cpuUsPerSignIn} µs each, ${r.netCpuUsPerSignIn} µs less idle (${r.idleCpuPerSec} CPU-s/s)` +
        (named.length
          ? ` (${Object.entries(byProcess)
              .map(([n, us]) => `${n} ${us}`)
              .join(", ")})`
          : ""),
    );
    return r;
  } finally {
    await pool.close();
  }
}
