// The start of every main: configuration (defaults, TOML beside main, environment), the logger, crash logging.
import * as path from "node:path";
import { existsSync, readFileSync } from "node:fs";
import { parse as parseToml } from "smol-toml";
import { loadConfig, configSource, ConfigError } from "../config/load";
import { checkEnv, settingEnvName, type EnvCatalog } from "../config/env";
import { MODES, type LogSection } from "../config/common";
import { createLogger, type RootLogger } from "../log/log";
import { logCrashes } from "./shutdown";

export interface Booted<T> {
  cfg: T;
  /** The config file read (the default one beside main may not exist: then defaults and environment stand). */
  file: string;
  log: RootLogger;
  /** Whether the config file itself sets the key at `path` ("token", "secret"), whatever the environment says. */
  fileSets(path: string[]): boolean;
}

export interface BootOptions {
  /** The tier a node runs ("conn", "logic", "job"): its settings' variables are ROOMCAST_<TIER>_…; standalone leaves it out. */
  tier?: string;
  /** Every variable any roomcast program reads: each ROOMCAST_* variable set must be one of them. */
  env: EnvCatalog;
}

/**
 * Loads `<mainDir>/<name>.toml` (or --config / ROOMCAST_CONFIG, which must exist); the log file is relative to the
 * config file's folder. Throws ConfigError for a ROOMCAST_* variable that names nothing, a missing named file, unknown
 * keys and malformed values.
 */
export function boot<T extends { log: LogSection; mode: string }>(
  name: string,
  defaults: T,
  mainDir: string,
  opts: BootOptions,
): Booted<T> {
  const { file, namedBy } = configSource(process.argv, process.env, path.join(mainDir, `${name}.toml`));
  checkEnv(process.env, opts.env, opts.tier);
  const cfg = loadConfig(defaults, file, process.env, { namedBy, envNameOf: (p) => settingEnvName(opts.tier, p) });
  if (!(MODES as readonly string[]).includes(cfg.mode)) {
    const from = process.env.ROOMCAST_MODE !== undefined ? "ROOMCAST_MODE" : file;
    throw new ConfigError(`mode "${cfg.mode}" (from ${from}) is not a mode: use "dev" or "production"`);
  }
  // loadConfig parsed it already without error; this copy only answers which keys the file itself sets.
  const parsed = existsSync(file) ? (parseToml(readFileSync(file, "utf8")) as Record<string, unknown>) : {};
  const fileSets = (p: string[]) => {
    let at: unknown = parsed;
    for (const k of p) {
      if (typeof at !== "object" || at === null || !(k in at)) return false;
      at = (at as Record<string, unknown>)[k];
    }
    return true;
  };
  const log = createLogger({
    name,
    level: cfg.log.level,
    file: cfg.log.file && path.resolve(path.dirname(file), cfg.log.file),
    format: cfg.log.format,
  });
  logCrashes(log);
  return { cfg, file, log, fileSets };
}
