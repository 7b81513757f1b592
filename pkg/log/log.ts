// pino loggers that write to stdout and to the service's live.log (seed 001: cmd/<service>/log/live.log).
import { mkdirSync } from "node:fs";
import * as path from "node:path";
import pino from "pino";

export type Logger = pino.Logger;

export interface LogOptions {
  name: string;
  level: string;
  /** Absolute path of the log file, or "" for stdout only. */
  file: string;
}

export function createLogger(opts: LogOptions): Logger {
  const streams: pino.StreamEntry[] = [{ level: opts.level as pino.Level, stream: pino.destination({ dest: 1, sync: false }) }];
  if (opts.file) {
    mkdirSync(path.dirname(opts.file), { recursive: true });
    streams.push({ level: opts.level as pino.Level, stream: pino.destination({ dest: opts.file, sync: false, mkdir: true }) });
  }
  return pino({ name: opts.name, level: opts.level, base: { svc: opts.name } }, pino.multistream(streams));
}

/** A logger that discards everything (unit tests). */
export const silentLogger = (): Logger => pino({ level: "silent" });
