// The top of a V8 CPU profile (node --cpu-prof): self time per function, so a bench run with --cpu-prof says
// where the server's time goes. Run alone: node --import tsx test/bench/profile.ts <file.cpuprofile> [top].
import { readFileSync } from "node:fs";
import * as path from "node:path";

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }>;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileEntry {
  /** "function (file:line)". */
  name: string;
  selfMs: number;
  /** Share of all sampled time, %. */
  percent: number;
}

export function topOfProfile(file: string, top = 15): ProfileEntry[] {
  const p = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  p.samples.forEach((id, i) => {
    const dt = p.timeDeltas[i] ?? 0;
    const f = byId.get(id)!.callFrame;
    const where = f.url
      ? ` (${f.url
          .replace(/^file:\/\//, "")
          .replace(/.*\/node_modules\/\.pnpm\/[^/]+\/node_modules\//, "")
          .replace(/.*\/work\/[^/]+\//, "")}:${f.lineNumber + 1})`
      : "";
    const key = `${f.functionName || "(anonymous)"}${where}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  });
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, us]) => ({ name, selfMs: Math.round(us / 1000), percent: Math.round((us / total) * 1000) / 10 }));
}

export const profileTable = (file: string, entries: ProfileEntry[]): string =>
  [
    `${path.basename(file)}:`,
    "| self ms | % | function |",
    "|---:|---:|---|",
    ...entries.map((e) => `| ${e.selfMs} | ${e.percent} | ${e.name} |`),
  ].join("\n");

if (require.main === module) {
  const [file, top] = process.argv.slice(2);
  console.log(profileTable(file, topOfProfile(file, Number(top) || 15)));
}
