// The bench harness itself works (quick mode against standalone): it counts every message, fills the
// latency histogram, and sees no gaps at a low rate. No timing is asserted: figures come from `pnpm bench`.
import * as path from "node:path";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { runBench } from "./main";
import { killAll } from "../harness/proc";

jest.setTimeout(120_000);
afterAll(() => killAll());

it("quick mode measures room fan-out on standalone with every message accounted for", async () => {
  const out = mkdtempSync(path.join(tmpdir(), "roomcast-bench-"));
  try {
    const r = await runBench({ quick: true, out });
    const { params, systems } = r.fanout;
    const { steps } = systems["roomcast standalone"];
    expect(steps.map((s) => s.offeredPerSec)).toEqual(params.rates);
    for (const s of steps) {
      expect(s.published).toBe(s.offeredPerSec * params.stepSec);
      expect(s.expected).toBe(s.published * params.members);
      expect({ delivered: s.delivered, missing: s.missing, dups: s.dups, lost: s.lost }).toEqual({
        delivered: s.expected,
        missing: 0,
        dups: 0,
        lost: 0,
      });
      expect(s.latencyMs.p50).toBeGreaterThan(0);
      expect(s.latencyMs.max).toBeGreaterThanOrEqual(s.latencyMs.p99);
      expect(s.msgsPerFrame).toBeGreaterThanOrEqual(1);
      expect(s.serverCpuSec).toBeGreaterThan(0);
    }
    const stem = path.join(out, `${r.date.slice(0, 10)}-${r.cores}cores-quick`);
    expect(JSON.parse(readFileSync(`${stem}.json`, "utf8")).fanout.params).toEqual(params);
    expect(readFileSync(`${stem}.md`, "utf8")).toContain(`| roomcast standalone | ${params.rates[0]} |`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
