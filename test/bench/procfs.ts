// What the bench reads of server processes and the kernel from /proc: CPU time (the denominator of "messages
// per CPU-second"), wake-ups, resident memory, open files, and the kernel's TCP socket memory.
import { readFileSync, readdirSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

const TICKS_PER_SEC = 100; // USER_HZ on Linux
const PAGE_BYTES = 4096;

export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name, which may contain spaces, closed by the last ")".
  const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(rest[11]) + Number(rest[12])) / TICKS_PER_SEC; // fields 14 and 15 of the whole line
}

/**
 * Voluntary context switches of every thread of the process alive now: how often it slept waiting for something (a
 * socket, a timer, a lock) and was woken, i.e. its wake-ups. strace -c counts the system calls; this costs nothing.
 */
export function wakeups(pid: number): number {
  let n = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      const m = /^voluntary_ctxt_switches:\s+(\d+)$/m.exec(readFileSync(`/proc/${pid}/task/${task}/status`, "utf8"));
      if (m) n += Number(m[1]);
    } catch {
      // The thread ended meanwhile.
    }
  }
  return n;
}

/**
 * Reads `read` (cpuSeconds, wakeups) of each named process now; the function returned reads it again and gives each
 * process's change since, by name, passed through `f` (a rounding, a share per operation).
 */
export function changeSince(
  procs: ReadonlyArray<{ name: string; pid: number }>,
  read: (pid: number) => number,
): (f?: (change: number) => number) => Record<string, number> {
  const before = procs.map((p) => read(p.pid));
  return (f = (change) => change) => Object.fromEntries(procs.map((p, i) => [p.name, f(read(p.pid) - before[i]!)]));
}

export const totalCpuSeconds = (pids: number[]): number => pids.reduce((s, p) => s + cpuSeconds(p), 0);

/** Resident set size (VmRSS), bytes. */
export function rssBytes(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) * 1024 : 0;
}

/** Open file descriptors (a server's sockets are most of them). */
export const openFiles = (pid: number): number => readdirSync(`/proc/${pid}/fd`).length;

/** The kernel's TCP socket memory, bytes ("TCP: … mem <pages>" in /proc/net/sockstat; both ends of loopback count). */
export function tcpSocketBytes(): number {
  const m = /^TCP:.* mem (\d+)$/m.exec(readFileSync("/proc/net/sockstat", "utf8"));
  return m ? Number(m[1]) * PAGE_BYTES : 0;
}

/**
 * Waits until the processes use less than `share` of one core over 300 ms (at most maxMs): the closing of one
 * scenario's connections (disconnects, online reports) must not land in the next scenario's figures.
 */
export async function waitForQuiet(pids: () => number[], share = 0.1, maxMs = 60_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline) {
    const before = totalCpuSeconds(pids());
    await sleep(300);
    if (totalCpuSeconds(pids()) - before < share * 0.3) return;
  }
}
