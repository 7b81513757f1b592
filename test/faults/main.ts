// pnpm faults [--long] [--rounds N] [--only "kill job,partition conn"]: the fault suite on network-namespace hosts
// (run as root). Prints the fault table and writes it to test/bench/results/faults-<date>-<mode>.md; exits 1 when
// an assertion failed. Ctrl-C or SIGTERM stop every process and remove every namespace.
import * as path from "node:path";
import { mkdirSync, writeFileSync } from "node:fs";
import { Command } from "commander";
import { repoRoot } from "../harness/bin";
import { startFaultCluster, type FaultCluster } from "./cluster";
import { destroyAll } from "./netns";
import { CI_TIMING, FAULTS, ROUNDS, plan, runRound, type FaultName, type RoundResult } from "./rounds";
import { markdown } from "./table";

function describe(r: RoundResult): string {
  const t = r.tally;
  const head = `${r.fault} #${r.round} ${r.target || ""}: sent ${t.sent}, ack ${t.acked}, delivered ${t.delivered}/${t.expected}, dup ${t.duplicated}, lost ${t.lost}, NORMAL out of order ${t.normal.outOfOrder}, converged ${r.convergence.ms ?? "never"} ms (${Math.round(r.durationMs / 1000)} s)`;
  return [head, ...r.failures.map((f) => `  FAIL ${f}`)].join("\n");
}

async function main(): Promise<number> {
  const cli = new Command()
    .option("--long", "more rounds per fault")
    .option("--rounds <n>", "rounds per fault (overrides the mode's)")
    .option("--only <faults>", `comma-separated subset of: ${FAULTS.join(", ")}`)
    .parse();
  const o = cli.opts<{ long?: boolean; rounds?: string; only?: string }>();
  const mode = o.long ? "long" : "ci";
  const rounds = o.rounds ? Number(o.rounds) : ROUNDS[mode];
  const only = o.only?.split(",").map((f) => f.trim() as FaultName);
  const unknown = only?.filter((f) => !FAULTS.includes(f)) ?? [];
  if (unknown.length) throw new Error(`unknown fault(s): ${unknown.join(", ")}; known: ${FAULTS.join(", ")}`);
  const startedAt = new Date();
  const cluster: FaultCluster = await startFaultCluster();
  console.log(
    `fault hosts up (${cluster.net.gateway.replace(/\.1$/, ".0/24")}); ${Math.round((Date.now() - startedAt.getTime()) / 1000)} s to start`,
  );
  const results: RoundResult[] = [];
  try {
    for (const p of plan(rounds, only)) {
      const r = await runRound(cluster, p, CI_TIMING);
      results.push(r);
      console.log(describe(r));
    }
  } finally {
    await cluster.stop();
  }
  const md = markdown(results, {
    mode,
    rounds,
    timing: CI_TIMING,
    ttlSec: cluster.ttlSec,
    reportIntervalMs: cluster.reportIntervalMs,
    startedAt,
    durationMs: Date.now() - startedAt.getTime(),
  });
  console.log(`\n${md}`);
  const dir = path.join(repoRoot, "test/bench/results");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `faults-${startedAt.toISOString().slice(0, 10)}-${mode}.md`);
  writeFileSync(file, md);
  console.log(`written to ${path.relative(repoRoot, file)}`);
  return results.some((r) => r.failures.length) ? 1 : 0;
}

for (const [signal, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
] as const)
  process.on(signal, () => {
    console.error(`${signal}: stopping every fault host`);
    destroyAll();
    process.exit(code);
  });

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    destroyAll();
    process.exit(2);
  },
);
