// Configuration is built once at start-up: full defaults, then the TOML file, then environment variables.
// The result is passed down; no code reads a global configuration.
import { readFileSync, existsSync } from "node:fs";
import { parse as parseToml } from "smol-toml";

export type ConfigValue = string | number | boolean | string[] | ConfigObject;
export interface ConfigObject {
  [key: string]: ConfigValue;
}

/** A configuration problem: unknown key, wrong type, unreadable file. Start-up stops with its message. */
export class ConfigError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ConfigError";
  }
}

/** camelCase path → ROOMCAST_SECTION_KEY_NAME, e.g. ["ws","heartbeatTimeoutSec"] → ROOMCAST_WS_HEARTBEAT_TIMEOUT_SEC. */
export function envName(path: string[], prefix = "ROOMCAST"): string {
  return [prefix, ...path.map((p) => p.replace(/([a-z0-9])([A-Z])/g, "$1_$2"))].join("_").toUpperCase();
}

function typeName(v: unknown): string {
  return Array.isArray(v) ? "array" : typeof v;
}

/** Lays `src` over `dst`, refusing keys and types that the defaults do not have. */
function merge(dst: ConfigObject, src: Record<string, unknown>, where: string, path: string[] = []): void {
  for (const [key, value] of Object.entries(src)) {
    const at = [...path, key].join(".");
    if (!(key in dst)) throw new ConfigError(`${where}: unknown key "${at}"`);
    const cur = dst[key]!;
    if (typeof cur === "object" && !Array.isArray(cur)) {
      if (typeof value !== "object" || value === null || Array.isArray(value)) throw new ConfigError(`${where}: "${at}" must be a table`);
      merge(cur, value as Record<string, unknown>, where, [...path, key]);
    } else if (Array.isArray(cur)) {
      if (!Array.isArray(value) || value.some((x) => typeof x !== "string"))
        throw new ConfigError(`${where}: "${at}" must be an array of strings`);
      dst[key] = value as string[];
    } else {
      if (typeof value !== typeof cur) throw new ConfigError(`${where}: "${at}" must be a ${typeName(cur)}, got ${typeName(value)}`);
      dst[key] = value as ConfigValue;
    }
  }
}

function applyEnv(dst: ConfigObject, env: NodeJS.ProcessEnv, path: string[] = []): void {
  for (const [key, cur] of Object.entries(dst)) {
    const p = [...path, key];
    if (typeof cur === "object" && !Array.isArray(cur)) {
      applyEnv(cur, env, p);
      continue;
    }
    const name = envName(p);
    const raw = env[name];
    if (raw === undefined) continue;
    if (Array.isArray(cur))
      dst[key] = raw
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
    else if (typeof cur === "number") {
      const n = Number(raw);
      if (raw.trim() === "" || !Number.isFinite(n)) throw new ConfigError(`${name}="${raw}" is not a number`);
      dst[key] = n;
    } else if (typeof cur === "boolean") {
      if (!/^(true|false|1|0)$/i.test(raw)) throw new ConfigError(`${name}="${raw}" is not a boolean`);
      dst[key] = /^(true|1)$/i.test(raw);
    } else dst[key] = raw;
  }
}

/**
 * Builds a configuration: a deep copy of `defaults`, overlaid by the TOML file (if it exists), then by
 * ROOMCAST_* environment variables. Unknown keys and wrong types are errors, so typos do not pass silently.
 */
export function loadConfig<T extends object>(defaults: T, file?: string, env: NodeJS.ProcessEnv = process.env): T {
  const cfg = structuredClone(defaults) as unknown as ConfigObject;
  if (file && existsSync(file)) {
    let parsed: Record<string, unknown>;
    try {
      parsed = parseToml(readFileSync(file, "utf8")) as Record<string, unknown>;
    } catch (err) {
      throw new ConfigError(`${file}: ${(err as Error).message}`, { cause: err });
    }
    merge(cfg, parsed, file);
  } else if (file && env.ROOMCAST_CONFIG === file) {
    throw new ConfigError(`config file ${file} does not exist`);
  }
  applyEnv(cfg, env);
  return cfg as unknown as T;
}

/** The config file to read: --config PATH, else ROOMCAST_CONFIG, else the default beside main. */
export function configPath(argv: string[], env: NodeJS.ProcessEnv, fallback: string): string {
  const i = argv.indexOf("--config");
  if (i >= 0 && argv[i + 1]) return argv[i + 1]!;
  return env.ROOMCAST_CONFIG || fallback;
}
