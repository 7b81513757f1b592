// CPU time of server processes from /proc/<pid>/stat (utime + stime), the denominator of "messages per CPU-second".
import { readFileSync } from "node:fs";

const TICKS_PER_SEC = 100; // USER_HZ on Linux

export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name, which may contain spaces, closed by the last ")".
  const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(rest[11]) + Number(rest[12])) / TICKS_PER_SEC; // fields 14 and 15 of the whole line
}

export const totalCpuSeconds = (pids: number[]): number => pids.reduce((s, p) => s + cpuSeconds(p), 0);
