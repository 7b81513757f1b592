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

/**
 * Self time by component, past the first `afterSec` seconds of the profile (start-up: module loading, compiling):
 * a package under node_modules, a Node internal area (node:internal/http2, …), a folder of this project, or V8's own
 * (garbage collector, program, idle). Says which layer a tier's CPU goes to, where the function list is too flat.
 */
export function byComponent(file: string, afterSec = 0): ProfileEntry[] {
  const p = JSON.parse(readFileSync(file, "utf8")) as CpuProfile & { startTime: number };
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  let t = p.startTime;
  p.samples.forEach((id, i) => {
    const dt = p.timeDeltas[i] ?? 0;
    t += dt;
    if (t - p.startTime < afterSec * 1e6) return;
    const key = componentOf(byId.get(id)!.callFrame.url, byId.get(id)!.callFrame.functionName);
    if (key === "(idle)") return;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  });
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .map(([name, us]) => ({ name, selfMs: Math.round(us / 1000), percent: Math.round((us / total) * 1000) / 10 }));
}

function componentOf(url: string, fn: string): string {
  if (!url) return fn.startsWith("(") ? fn : "(native)";
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const internal = /^node:internal\/([^/:]+)/.exec(url);
  if (internal) return `node:${internal[1].replace(/\.js$/, "")}`;
  if (url.startsWith("node:")) return url;
  const own = /\/work\/[^/]+\/((?:internal|pkg|api|cmd)\/[^/]+)/.exec(url);
  return own ? own[1] : url.replace(/^file:\/\//, "");
}

export const profileTable = (file: string, entries: ProfileEntry[]): string =>
  [
    `${path.basename(file)}:`,
    "| self ms | % | function |",
    "|---:|---:|---|",
    ...entries.map((e) => `| ${e.selfMs} | ${e.percent} | ${e.name} |`),
  ].join("\n");

if (require.main === module) {
  // profile.ts <file> [top]  |  profile.ts --by-component <file> [after seconds]
  const args = process.argv.slice(2);
  if (args[0] === "--by-component") {
    const rows = byComponent(args[1], Number(args[2]) || 0);
    console.log(profileTable(args[1], rows).replace("| function |", "| component (idle left out) |"));
  } else console.log(profileTable(args[0], topOfProfile(args[0], Number(args[1]) || 15)));
}
