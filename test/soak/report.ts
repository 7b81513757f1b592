// The soak's Markdown report: the run, the messages, the errors, memory per process at the start and the end, the
// samples in between, and the counters of drops and failures.
import type { ImportantTally, NormalTally, Percentiles } from "./ledger";
import type { LoadParams } from "./load";
import type { Counter, LogTally, Sample } from "./processes";

export interface SoakResult {
  date: string;
  machine: string;
  commit: string;
  minutes: number;
  warmupSec: number;
  nsqdArgs: string[];
  /** Seconds of load, warm-up included. */
  loadSec: number;
  params: LoadParams;
  senders: number;
  steadyMembers: number;
  excludedMembers: number;
  normal: NormalTally;
  important: ImportantTally;
  /** Deliveries still owed when the soak stopped waiting. */
  drainSec: number;
  stats: { signIns: number; churned: number; normalSkipped: number; importantSkipped: number };
  errors: Map<string, number>;
  errorExamples: string[];
  exits: string[];
  samples: Sample[];
  /** Delivery latencies to steady members over the period that ends at each sample (the first: the warm-up). */
  latencies: Array<{ normal: Percentiles; important: Percentiles }>;
  logs: Map<string, LogTally>;
  counters: Counter[];
  strangers: number;
}

const mb = (b?: number) => (b === undefined ? "–" : (b / 1048576).toFixed(1));
const signedMb = (a?: number, b?: number) => {
  if (a === undefined || b === undefined) return "–";
  const d = (b - a) / 1048576;
  return `${d >= 0 ? "+" : ""}${d.toFixed(1)}`;
};
const n = (x: number) => x.toLocaleString("en-US");
const table = (head: string[], rows: Array<Array<string | number>>) =>
  [
    `| ${head.join(" | ")} |`,
    `|${head.map((_, i) => (i === 0 ? "---" : "--:")).join("|")}|`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");

function messages(r: SoakResult): string {
  const N = r.normal;
  const I = r.important;
  return [
    table(
      ["NORMAL", "sent", "expected (sent × steady members)", "delivered", "missing", "duplicated", "out of order"],
      [["", n(N.sent), n(N.expected), n(N.delivered), n(N.missing), n(N.duplicated), n(N.outOfOrder)]],
    ),
    "",
    table(
      ["IMPORTANT (POST /msg)", "sent", "acknowledged", "failed", "expected", "delivered", "duplicated", "lost (messages)"],
      [
        [
          "",
          n(I.posted),
          n(I.acknowledged),
          n(I.failed),
          n(I.expected),
          n(I.delivered),
          n(I.duplicated),
          `${n(I.lost)} (${n(I.lostMessages)})`,
        ],
      ],
    ),
    "",
    `Expected and lost count steady members only: ${r.steadyMembers} members connected from before the first message to the end` +
      (r.excludedMembers ? ` (${r.excludedMembers} more lost their connection unexpectedly and are left out)` : "") +
      `. Deliveries were awaited for ${r.drainSec} s after the load stopped.` +
      (I.unanswered ? ` ${I.unanswered} POST /msg were still unanswered.` : "") +
      (I.deliveredUnacknowledged ? ` ${I.deliveredUnacknowledged} failed posts reached members anyway.` : "") +
      (r.strangers ? ` ${r.strangers} received bodies were not the soak's.` : ""),
  ].join("\n");
}

function errors(r: SoakResult): string {
  const rows = [...r.errors].map(([kind, count]) => [kind, n(count)]);
  const logs = [...r.logs]
    .filter(([, t]) => t.errors || t.warnings)
    .map(([p, t]) => [`${p} logged`, `${n(t.errors)} errors, ${n(t.warnings)} warnings`]);
  const lines = [
    rows.length
      ? table(["client-side error", "count"], rows)
      : "Client side: no errors (every POST /msg answered 200, every sign-in ok, no unexpected close).",
    "",
    logs.length ? table(["server logs", "lines"], logs) : "Server logs: no warning or error lines.",
    "",
    r.exits.length
      ? `**Processes that exited during the run (restarts: none, the harness does not restart):** ${r.exits.join("; ")}`
      : "Restarts: none (every process ran from start to end).",
  ];
  const examples = [...r.errorExamples, ...[...r.logs].flatMap(([p, t]) => t.examples.map((e) => `${p}: ${e}`))];
  if (examples.length) lines.push("", "First examples:", "", "```", ...examples.slice(0, 18), "```");
  return lines.join("\n");
}

function memory(r: SoakResult): string {
  const first = r.samples[0];
  const last = r.samples[r.samples.length - 1];
  if (!first || !last) return "No samples.";
  const rows = first.procs.map((a, i) => {
    const b = last.procs[i]!;
    const cpu = b.cpuSec - a.cpuSec;
    const span = last.atSec - first.atSec;
    return [
      a.name + (b.alive ? "" : ` (${b.note})`),
      mb(a.rss),
      mb(b.rss),
      signedMb(a.rss, b.rss),
      mb(a.heapUsed),
      mb(b.heapUsed),
      signedMb(a.heapUsed, b.heapUsed),
      a.external === undefined ? "–" : `${mb(a.external)} → ${mb(b.external)}`,
      a.handles === undefined ? "–" : `${a.handles} → ${b.handles}`,
      `${a.fds} → ${b.fds}`,
      span > 0 ? `${((100 * cpu) / span).toFixed(1)} %` : "–",
    ];
  });
  return table(
    [
      "process",
      "RSS start MB",
      "RSS end MB",
      "Δ RSS",
      "heap start MB",
      "heap end MB",
      "Δ heap",
      "external MB",
      "handles",
      "open files",
      "CPU",
    ],
    rows,
  );
}

function samples(r: SoakResult): string {
  const names = r.samples[0]?.procs.map((p) => p.name) ?? [];
  const pct = (p?: Percentiles) => (p && p.count ? `${n(p.p50)} / ${n(p.p99)}` : "–");
  const rows = r.samples.map((s, i) => [
    `${(s.atSec / 60).toFixed(1)}`,
    ...s.procs.map((p) => (p.alive ? (p.heapUsed === undefined ? mb(p.rss) : `${mb(p.rss)} / ${mb(p.heapUsed)}`) : "exited")),
    pct(r.latencies[i]?.normal),
    pct(r.latencies[i]?.important),
  ]);
  return table(["minute", ...names, "NORMAL ms p50 / p99", "IMPORTANT ms p50 / p99"], rows);
}

function counters(r: SoakResult): string {
  if (!r.counters.length) return "No drop, failure, requeue or refusal counter above 0.";
  return table(
    ["process", "counter", "labels", "value"],
    r.counters.map((c) => [c.process, c.name, c.labels || "–", n(c.value)]),
  );
}

export function markdown(r: SoakResult): string {
  const p = r.params;
  const I = r.important;
  const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)} %` : "–");
  const verdict = [
    I.lost === 0
      ? `IMPORTANT lost: **0** of ${n(I.expected)} expected deliveries`
      : `**IMPORTANT lost: ${n(I.lost)}** (${n(I.lostMessages)} messages)`,
    `POST /msg acknowledged: ${pct(I.acknowledged, I.posted)} of ${n(I.posted)}`,
    `NORMAL delivered: ${pct(r.normal.delivered, r.normal.expected)} of ${n(r.normal.expected)}`,
    `client-side errors: ${n([...r.errors.values()].reduce((s, x) => s + x, 0))}`,
    r.exits.length ? `**processes exited: ${r.exits.length}**` : "no process exited",
  ].join("; ");
  return [
    `# Soak, ${r.date.slice(0, 10)}: ${r.minutes} min`,
    "",
    `${r.machine}; commit ${r.commit}. Cluster on loopback (test/harness/cluster.ts): 2 conn, 2 logic, 2 job, two nsqd for IMPORTANT (` +
      (r.nsqdArgs.length
        ? `the harness's flags, then \`${r.nsqdArgs.join(" ")}\``
        : "every message written to the disk queue before it is acknowledged, synced within 100 ms, as the harness runs it") +
      `), one in memory for NORMAL, nsqlookupd, etcd. Load for ${Math.round(r.loadSec)} s (${r.warmupSec} s warm-up, then ${r.minutes} min measured): ` +
      `${p.clients} clients in ${p.rooms} rooms on both conn nodes (${p.churnersPerRoom} per room churning), ` +
      `${r.senders} senders at ${p.normalPerSec} NORMAL msg/s in total, ${p.importantPerSec} POST /msg per second alternating logic nodes, ` +
      `${p.churnPerSec} clients leaving and signing in again per second (${n(r.stats.churned)} in all, ${n(r.stats.signIns)} sign-ins), ` +
      `heartbeats every ${p.heartbeatMs / 1000} s. Run with \`pnpm soak\` (test/soak/).`,
    "",
    `${verdict}.`,
    "",
    "## Messages",
    "",
    messages(r),
    "",
    "## Errors",
    "",
    errors(r),
    r.stats.normalSkipped || r.stats.importantSkipped
      ? `\nNot sent: ${n(r.stats.normalSkipped)} NORMAL (sender not connected), ${n(r.stats.importantSkipped)} POST /msg (200 already in flight).`
      : "",
    "",
    "## Memory, start (after warm-up) and end",
    "",
    "RSS from /proc; heap = V8 heap used after a full GC (through the inspector) from nodejs_heap_size_used_bytes on each node's ops /metrics; " +
      "external = nodejs_external_memory_bytes (uWS and Buffers); handles = nodejs_active_handles_total; CPU = share of one core over the measured period.",
    "",
    memory(r),
    "",
    "## Samples (RSS / heap after GC, MB)",
    "",
    "With the delivery latency to steady members (from send or post to receipt) over the period that ends at each " +
      "sample; minute 0 is the warm-up.",
    "",
    samples(r),
    "",
    "## Drop, failure and requeue counters at the end",
    "",
    counters(r),
    "",
  ].join("\n");
}
