// What the soak reads of each process while it runs: resident memory, open files and CPU from /proc; for the roomcast
// nodes also the JS heap (after a full GC, asked through the inspector, so the figure is what is retained), external
// memory and active handles from prom-client's default metrics on the ops listener; and the warnings and errors each
// process logs.
import type { Proc } from "../harness/proc";
import { cpuSeconds, openFiles, rssBytes } from "../bench/procfs";
import { getText } from "../bench/systems/http_post";
import { collectGarbage } from "../bench/systems/inspector";

export interface Watched {
  name: string;
  /** The process as it runs now (nsqd's may be a new one after a restart). */
  proc: () => Proc;
  /** The ops listener (/metrics) of a roomcast node. */
  opsUrl?: string;
  /** The inspector port of a roomcast node started with --inspect. */
  inspectPort?: number;
}

export interface ProcSample {
  name: string;
  alive: boolean;
  rss: number;
  fds: number;
  cpuSec: number;
  heapUsed?: number;
  heapTotal?: number;
  external?: number;
  handles?: number;
  /** Why a reading is missing. */
  note?: string;
}

export interface Sample {
  /** Seconds since the measured period began. */
  atSec: number;
  procs: ProcSample[];
}

const alive = (p: Proc) => p.child.exitCode === null && p.child.signalCode === null;

/** The value of a metric without labels other than the registry's default ones, or undefined. */
export function metricValue(text: string, name: string): number | undefined {
  const m = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, "m").exec(text);
  return m ? Number(m[1]) : undefined;
}

async function sampleOne(w: Watched, gc: boolean): Promise<ProcSample> {
  const p = w.proc();
  const s: ProcSample = { name: w.name, alive: alive(p), rss: 0, fds: 0, cpuSec: 0 };
  if (!s.alive) return { ...s, note: `exited (${p.child.exitCode ?? p.child.signalCode})` };
  try {
    if (gc && w.inspectPort) await collectGarbage(w.inspectPort);
    const pid = p.child.pid!;
    s.rss = rssBytes(pid);
    s.fds = openFiles(pid);
    s.cpuSec = cpuSeconds(pid);
    if (w.opsUrl) {
      const text = await getText(`${w.opsUrl}/metrics`);
      s.heapUsed = metricValue(text, "nodejs_heap_size_used_bytes");
      s.heapTotal = metricValue(text, "nodejs_heap_size_total_bytes");
      s.external = metricValue(text, "nodejs_external_memory_bytes");
      s.handles = metricValue(text, "nodejs_active_handles_total");
    }
  } catch (err) {
    s.note = (err as Error).message.slice(0, 120);
  }
  return s;
}

/** One reading of every process, one after another (a GC in every node at once would stall the whole cluster). */
export async function sample(watched: Watched[], atSec: number, gc = true): Promise<Sample> {
  const procs: ProcSample[] = [];
  for (const w of watched) procs.push(await sampleOne(w, gc));
  return { atSec, procs };
}

export interface Counter {
  process: string;
  name: string;
  labels: string;
  value: number;
}

/** Words of a counter's name (between underscores) that name trouble: "shed" matches roomcast_x_shed_total, not …_published_total. */
const TROUBLE =
  /(?:^|_)(?:drop|fail|lost|requeue|refus|limited|error|timeout|timed|retr|reject|shed|expire|stale|unknown|missing)[a-z]*(?=_|$)/;

/**
 * roomcast's counters that name a drop, failure, requeue or refusal, where above 0, per process: every drop of a
 * message is counted with its cause (DESIGN.md §9), so the soak shows where any went.
 */
export async function troubleCounters(watched: Watched[]): Promise<Counter[]> {
  const out: Counter[] = [];
  for (const w of watched) {
    if (!w.opsUrl || !alive(w.proc())) continue;
    const text = await getText(`${w.opsUrl}/metrics`).catch(() => "");
    for (const m of text.matchAll(/^(roomcast_\w+_total)(?:\{([^}]*)\})? (\S+)$/gm)) {
      const value = Number(m[3]);
      if (!(value > 0) || !TROUBLE.test(m[1]!)) continue;
      const labels = (m[2] ?? "")
        .split(",")
        .filter((l) => l && !/^(service|node)=/.test(l))
        .join(",");
      out.push({ process: w.name, name: m[1]!, labels, value });
    }
  }
  return out;
}

export interface LogTally {
  warnings: number;
  errors: number;
  examples: string[];
}

const ERROR_LINE = /"level":(50|60)\b|"level":"(error|fatal|panic)"|\[(ERROR|FATAL)\]|\b(ERROR|FATAL):/;
const WARN_LINE = /"level":40\b|"level":"warn"|\[WARN\]|\bWARN(ING)?:/;

/** The tallies as they stand now (the stop of the cluster logs its own noise afterwards). */
export const snapshot = (logs: Map<string, LogTally>): Map<string, LogTally> =>
  new Map([...logs].map(([name, t]) => [name, { ...t, examples: [...t.examples] }]));

/** A JSON log line as its message and error, without the stack; any other line as it is (both cut at 240 characters). */
function summary(line: string): string {
  try {
    const o = JSON.parse(line) as { msg?: string; err?: { message?: string }; error?: string };
    return [o.msg, o.err?.message ?? o.error].filter(Boolean).join(": ").slice(0, 240);
  } catch {
    return line.slice(0, 240);
  }
}

/** Counts the warning and error lines a process writes from now on (pino JSON, etcd's JSON, nsqd's text). */
export function watchLogs(p: Proc): LogTally {
  const t: LogTally = { warnings: 0, errors: 0, examples: [] };
  let partial = "";
  const onData = (b: Buffer) => {
    const lines = (partial + b.toString()).split("\n");
    partial = lines.pop()!;
    for (const line of lines) {
      if (ERROR_LINE.test(line)) {
        t.errors++;
        if (t.examples.length < 1) t.examples.push(summary(line));
      } else if (WARN_LINE.test(line)) t.warnings++;
    }
  };
  p.child.stdout?.on("data", onData);
  p.child.stderr?.on("data", onData);
  return t;
}
