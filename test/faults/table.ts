// The fault table: per fault and per round, IMPORTANT sent / acknowledged / delivered / duplicated / lost, NORMAL
// order, convergence, and every failed assertion with its numbers, as Markdown.
import { execFileSync } from "node:child_process";
import * as os from "node:os";
import { FAULTS, type RoundResult, type Timing } from "./rounds";

export interface RunInfo {
  mode: "ci" | "long";
  rounds: number;
  timing: Timing;
  ttlSec: number;
  reportIntervalMs: number;
  startedAt: Date;
  durationMs: number;
}

const sum = (rs: RoundResult[], f: (r: RoundResult) => number) => rs.reduce((n, r) => n + f(r), 0);

function commit(): string {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "internal", "pkg", "cmd", "deploy"], { encoding: "utf8" }).trim();
    return dirty ? `${head} + uncommitted product changes in the tree` : head;
  } catch {
    return "unknown";
  }
}

function summaryRows(results: RoundResult[]): string[] {
  const rows = [
    "| fault | rounds | failed | IMPORTANT sent | acknowledged | delivered | duplicated | lost | NORMAL out of order | converged (worst ms) |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const f of FAULTS) {
    const rs = results.filter((r) => r.fault === f);
    if (!rs.length) continue;
    const conv = rs.map((r) => r.convergence.ms);
    const worst = conv.includes(undefined) ? "never" : String(Math.max(...(conv as number[])));
    rows.push(
      `| ${f} | ${rs.length} | ${rs.filter((r) => r.failures.length).length} | ${sum(rs, (r) => r.tally.sent)} | ${sum(rs, (r) => r.tally.acked)} | ` +
        `${sum(rs, (r) => r.tally.delivered)} / ${sum(rs, (r) => r.tally.expected)} | ${sum(rs, (r) => r.tally.duplicated)} | ${sum(rs, (r) => r.tally.lost)} | ` +
        `${sum(rs, (r) => r.tally.normal.outOfOrder)} | ${worst} |`,
    );
  }
  return rows;
}

function roundRows(results: RoundResult[]): string[] {
  const rows = [
    "| fault | round | target | sent | ack | members | delivered | dup | lost | NORMAL sent / delivered / out of order | converged ms | result |",
    "|---|---:|---|---:|---:|---:|---:|---:|---:|---|---:|---|",
  ];
  for (const r of results) {
    const t = r.tally;
    rows.push(
      `| ${r.fault} | ${r.round} | ${r.target || "-"} | ${t.sent} | ${t.acked} | ${t.members} | ${t.delivered} / ${t.expected} | ${t.duplicated} | ${t.lost} | ` +
        `${t.normal.sent} / ${t.normal.delivered} / ${t.normal.outOfOrder} | ${r.convergence.ms ?? "never"} | ${r.failures.length ? "FAIL" : "ok"} |`,
    );
  }
  return rows;
}

export function markdown(results: RoundResult[], info: RunInfo): string {
  const failed = results.filter((r) => r.failures.length);
  const t = info.timing;
  return [
    `# Fault suite, ${info.mode} run (${info.startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC)`,
    "",
    `${results.length} rounds (${info.rounds} per fault), ${failed.length} failed, in ${Math.round(info.durationMs / 1000)} s; ` +
      `commit ${commit()}; ${os.cpus().length} cores, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")} at the end.`,
    "",
    "Each process on its own network-namespace host (infra: nsqlookupd, nsqd -mem-queue-size=0 -sync-timeout=100ms, etcd; " +
      "infra2: nsqd-second, the same flags, every IMPORTANT message's second copy; logic ×2, job ×2, conn ×2), reached by its own address. IMPORTANT: POST /msg every 20 ms, logic nodes in turn; " +
      `NORMAL: one sender on each conn node, 10 msg/s each; ${t.membersPerNode} members per conn node. Fault after ${t.preMs} ms of ` +
      `traffic; a killed process is restarted after ${t.killDownMs.join(" ms, ")} ms (rounds in turn), a host is cut off for ${t.partitionMs} ms; ` +
      `${t.postMs} ms of traffic after the heal, then up to ${t.settleMs} ms for the last deliveries. ` +
      `Lease TTL ${info.ttlSec} s, online report every ${info.reportIntervalMs} ms: views must converge within ` +
      `${info.ttlSec * 1000 + info.reportIntervalMs} ms of the heal.`,
    "",
    "delivered / lost count (member, message) pairs over the acknowledged messages and the members on live nodes " +
      "(members of a killed or cut-off conn node sign in again on the other node and are not counted); " +
      "NORMAL order is asserted in control rounds only.",
    "",
    ...summaryRows(results),
    "",
    "## Rounds",
    "",
    ...roundRows(results),
    "",
    "## Failed assertions",
    "",
    ...(failed.length
      ? failed.flatMap((r) => r.failures.map((f) => `- ${r.fault} #${r.round} (${r.target || "no target"}): ${f}`))
      : ["none"]),
    "",
    "## Notes",
    "",
    ...results.flatMap((r) => (r.notes.length ? [`- ${r.fault} #${r.round}: ${r.notes.join("; ")}`] : [])),
    "",
  ].join("\n");
}
