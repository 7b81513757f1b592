// Markdown tables of the results.
import type { FanoutParams, StepResult } from "./scenarios/fanout";

export function fanoutTable(r: { params: FanoutParams; systems: Record<string, { joinMs: number; steps: StepResult[] }> }): string {
  const lines = [
    `## Room fan-out: 1 room × ${r.params.members} members, ${r.params.publishers} publishers, ${r.params.size}-byte messages, ${r.params.stepSec} s per step`,
    "",
    "| system | offered msg/s | delivered msg/s | msgs per server CPU-s | msgs/frame | p50 ms | p99 ms | p99.9 ms | max ms | missing | dups | conns lost |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const [name, { steps }] of Object.entries(r.systems))
    for (const s of steps)
      lines.push(
        `| ${name} | ${s.offeredPerSec} | ${s.deliveredPerSec} | ${s.msgsPerCpuSec} | ${s.msgsPerFrame} | ${s.latencyMs.p50} | ${s.latencyMs.p99} | ${s.latencyMs.p999} | ${s.latencyMs.max} | ${s.missing} | ${s.dups} | ${s.lost} |`,
      );
  return lines.join("\n");
}
