// One naming rule for environment variables, in every program: a tier's setting is ROOMCAST_<TIER>_<SECTION>_<KEY>
// (conn, logic, job; in a node and in standalone alike), the process's own [log] is ROOMCAST_LOG_<KEY>, and a few
// names that are not settings are listed by name. Every ROOMCAST_* variable is checked against that catalog at start-up,
// so a typo, or a name of the old scheme (ROOMCAST_WS_PORT), stops the process instead of passing silently.
import { ConfigError, envName, type ConfigObject } from "./load";
import { defaultHistory, defaultLog, defaultMode } from "./common";

/** Settings that belong to the process, not to a tier: a process has one mode, one log and one history store, whichever tiers it runs. */
export const PROCESS_SECTIONS = ["mode", "log", "history"] as const;

export interface EnvVar {
  name: string;
  /** "conn", "logic", "job", or "process". */
  tier: string;
  /** The TOML key in that program's own file: "ws.port" (standalone: "conn.ws.port"), "log.level", "mode". */
  key: string[];
  default: unknown;
}

export interface EnvCatalog {
  /** Every setting's variable, tier by tier, in the defaults' order. */
  vars: EnvVar[];
  /** Names that are not settings, and what reads them. */
  known: Record<string, string>;
  /** Old-scheme name (ROOMCAST_<SECTION>_<KEY> of a tier's setting) → the names that replace it. */
  renamed: Map<string, string[]>;
}

function leaves(obj: ConfigObject, path: string[] = []): Array<[string[], unknown]> {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === "object" && !Array.isArray(v) ? leaves(v, [...path, k]) : [[[...path, k], v] as [string[], unknown]],
  );
}

/** The variable of the setting at `path` of a program: a node of `tier` (paths as in its TOML), or standalone (`tier` undefined, paths start with the tier). */
export function settingEnvName(tier: string | undefined, path: string[]): string {
  const processSection = (PROCESS_SECTIONS as readonly string[]).includes(path[0]!);
  return envName(tier && !processSection ? [tier, ...path] : path);
}

/** Builds the catalog from each tier's full defaults (their own mode and log are left out: they belong to the process). */
export function envCatalog(tiers: Record<string, object>, known: Record<string, string>): EnvCatalog {
  const vars: EnvVar[] = [];
  const renamed = new Map<string, string[]>();
  for (const [tier, defaults] of Object.entries(tiers)) {
    for (const [path, value] of leaves(defaults as ConfigObject)) {
      if ((PROCESS_SECTIONS as readonly string[]).includes(path[0]!)) continue;
      const name = envName([tier, ...path]);
      vars.push({ name, tier, key: path, default: value });
      const old = envName(path);
      renamed.set(old, [...(renamed.get(old) ?? []), name]);
    }
  }
  for (const [path, value] of leaves({ mode: defaultMode(), log: defaultLog(), history: defaultHistory() } as unknown as ConfigObject))
    vars.push({ name: envName(path), tier: "process", key: path, default: value });
  for (const v of vars) renamed.delete(v.name);
  for (const k of Object.keys(known)) renamed.delete(k);
  return { vars, known, renamed };
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/**
 * Refuses every ROOMCAST_* variable that names no setting of any tier and is not a known name: an old-scheme name
 * gets the name that replaces it (this program's tier first), a typo the closest real name.
 */
export function checkEnv(env: NodeJS.ProcessEnv, catalog: EnvCatalog, tier?: string): void {
  const names = new Set([...catalog.vars.map((v) => v.name), ...Object.keys(catalog.known)]);
  const problems: string[] = [];
  for (const name of Object.keys(env).sort()) {
    if (!name.startsWith("ROOMCAST_") || names.has(name)) continue;
    const renamed = catalog.renamed.get(name);
    if (renamed) {
      const own = renamed.filter((n) => tier && n.startsWith(`ROOMCAST_${tier.toUpperCase()}_`));
      const instead = own.length ? own : renamed;
      problems.push(`${name} is no longer read: its name is now ${instead.join(" or ")}`);
      continue;
    }
    let best = "";
    let bestD = Infinity;
    for (const n of names) {
      const d = distance(name, n);
      if (d < bestD) [best, bestD] = [n, d];
    }
    problems.push(`unknown environment variable ${name}${bestD <= 3 ? ` (did you mean ${best}?)` : ""}`);
  }
  if (problems.length)
    throw new ConfigError(`${problems.join("; ")}. Every ROOMCAST_* variable must name a setting (README, "Configuration")`);
}
