// The fault suite, CI-sized (issue 13, item 6): the cluster's processes on network-namespace hosts with their own
// addresses, each fault injected while IMPORTANT and NORMAL traffic flows, every round asserting that no
// acknowledged IMPORTANT message was lost for members on live nodes, NORMAL order (control rounds), MEMBERS and
// GET /nodes converged within lease TTL + one report interval of the heal, and no other process restarted.
// Needs root (ip netns); `pnpm faults` runs the same rounds and writes the table, `pnpm faults --long` more.
import * as path from "node:path";
import { mkdirSync, writeFileSync } from "node:fs";
import { repoRoot } from "./harness/bin";
import { startFaultCluster, type FaultCluster } from "./faults/cluster";
import { CI_TIMING, ROUNDS, plan, runRound, type RoundResult } from "./faults/rounds";
import { markdown } from "./faults/table";

let cluster: FaultCluster | undefined;
const results: RoundResult[] = [];
const startedAt = new Date();

beforeAll(async () => {
  cluster = await startFaultCluster();
}, 180_000);

afterAll(async () => {
  await cluster?.stop();
  if (!cluster) return;
  const md = markdown(results, {
    mode: "ci",
    rounds: ROUNDS.ci,
    timing: CI_TIMING,
    ttlSec: cluster.ttlSec,
    reportIntervalMs: cluster.reportIntervalMs,
    startedAt,
    durationMs: Date.now() - startedAt.getTime(),
  });
  // The table of the last jest run, beside the run's logs (test/bench/results holds those of pnpm faults).
  mkdirSync(path.join(repoRoot, ".data/faults"), { recursive: true });
  writeFileSync(path.join(repoRoot, ".data/faults/last-jest.md"), md);
  console.log(md);
}, 60_000);

describe("faults on separate hosts, with traffic in flight", () => {
  for (const p of plan(ROUNDS.ci)) {
    const what = p.fault === "control" ? "no fault" : `${p.fault} (${p.target})`;
    it(`${what}, round ${p.round}: no acknowledged IMPORTANT message lost on live nodes, views converge, no other process restarts`, async () => {
      const r = await runRound(cluster!, p, CI_TIMING);
      results.push(r);
      expect(r.failures).toEqual([]);
    }, 180_000);
  }
});
