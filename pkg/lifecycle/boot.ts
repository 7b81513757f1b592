// The start of every main: configuration (defaults, TOML beside main, environment), the logger, crash logging.
import * as path from "node:path";
import { loadConfig, configPath } from "../config/load";
import type { LogSection } from "../config/common";
import { createLogger, type RootLogger } from "../log/log";
import { logCrashes } from "./shutdown";

export interface Booted<T> {
  cfg: T;
  /** The config file read (it may not exist: then defaults and environment stand). */
  file: string;
  log: RootLogger;
}

/** Loads `<mainDir>/<name>.toml` (or --config / ROOMCAST_CONFIG); the log file is relative to the config file's folder. */
export function boot<T extends { log: LogSection }>(name: string, defaults: T, mainDir: string): Booted<T> {
  const file = configPath(process.argv, process.env, path.join(mainDir, `${name}.toml`));
  const cfg = loadConfig(defaults, file);
  const log = createLogger({ name, level: cfg.log.level, file: cfg.log.file && path.resolve(path.dirname(file), cfg.log.file) });
  logCrashes(log);
  return { cfg, file, log };
}
