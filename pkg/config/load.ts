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

function applyEnv(dst: ConfigObject, env: NodeJS.ProcessEnv, nameOf: (path: string[]) => string, path: string[] = []): void {
  for (const [key, cur] of Object.entries(dst)) {
    const p = [...path, key];
    if (typeof cur === "object" && !Array.isArray(cur)) {
      applyEnv(cur, env, nameOf, p);
      continue;
    }
    const name = nameOf(p);
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

export interface LoadOptions {
  /** The environment variable of the setting at a path (default: envName(path), ROOMCAST_SECTION_KEY). */
  envNameOf?: (path: string[]) => string;
  /** Where the file's name came from ("--config", "ROOMCAST_CONFIG"): a file named there must exist. */
  namedBy?: string;
}

/**
 * Builds a configuration: a deep copy of `defaults`, overlaid by the TOML file, then by ROOMCAST_* environment
 * variables. Unknown keys and wrong types are errors, so typos do not pass silently. A missing file is an error when
 * it was named (`namedBy`, or it is ROOMCAST_CONFIG); only a program's default file beside its main may be missing.
 */
export function loadConfig<T extends object>(defaults: T, file?: string, env: NodeJS.ProcessEnv = process.env, opts: LoadOptions = {}): T {
  const cfg = structuredClone(defaults) as unknown as ConfigObject;
  const namedBy = opts.namedBy ?? (file && env.ROOMCAST_CONFIG === file ? "ROOMCAST_CONFIG" : undefined);
  if (file && existsSync(file)) {
    let parsed: Record<string, unknown>;
    try {
      parsed = parseToml(readFileSync(file, "utf8")) as Record<string, unknown>;
    } catch (err) {
      throw new ConfigError(`${file}: ${(err as Error).message}`, { cause: err });
    }
    merge(cfg, parsed, file);
  } else if (file && namedBy) {
    throw new ConfigError(`config file ${file} (named by ${namedBy}) does not exist`);
  }
  applyEnv(cfg, env, opts.envNameOf ?? ((p) => envName(p)));
  return cfg as unknown as T;
}

/** The config file to read and who named it: --config PATH (or --config=PATH), else ROOMCAST_CONFIG, else the default beside main. */
export function configSource(argv: string[], env: NodeJS.ProcessEnv, fallback: string): { file: string; namedBy?: string } {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith("--config=")) {
      const file = a.slice("--config=".length);
      if (!file) throw new ConfigError("--config= needs a file name");
      return { file, namedBy: "--config" };
    }
    if (a === "--config") {
      const file = argv[i + 1];
      if (!file || file.startsWith("--")) throw new ConfigError("--config needs a file name: --config FILE");
      return { file, namedBy: "--config" };
    }
  }
  if (env.ROOMCAST_CONFIG) return { file: env.ROOMCAST_CONFIG, namedBy: "ROOMCAST_CONFIG" };
  return { file: fallback };
}

/** The config file to read: --config PATH, else ROOMCAST_CONFIG, else the default beside main. */
export function configPath(argv: string[], env: NodeJS.ProcessEnv, fallback: string): string {
  return configSource(argv, env, fallback).file;
}
