// pino loggers that write to stdout and to the service's live.log (seed 001: cmd/<service>/log/live.log).
import { mkdirSync, openSync } from "node:fs";
import * as path from "node:path";
import pino from "pino";

/**
 * What every component that logs takes: the service logger, a test's silent one, or a recording fake. One line
 * is fields first, then the message (pino's order), or the message alone.
 */
export interface Logger {
  debug(fields: object | string, msg?: string): void;
  info(fields: object | string, msg?: string): void;
  warn(fields: object | string, msg?: string): void;
  error(fields: object | string, msg?: string): void;
}

/** The process's own logger, as a main builds it: it also flushes and logs fatal errors. */
export type RootLogger = pino.Logger;

export interface LogOptions {
  name: string;
  level: string;
  /** Absolute path of the log file, or "" for stdout only. */
  file: string;
}

export function createLogger(opts: LogOptions): RootLogger {
  const streams: pino.StreamEntry[] = [{ level: opts.level as pino.Level, stream: pino.destination({ dest: 1, sync: false }) }];
  if (opts.file) {
    // Opened here, not by sonic-boom in the background: a process that exits before an asynchronous open completed
    // (any early start-up failure) would have pino's exit flush throw "sonic boom is not ready yet" over its real error.
    mkdirSync(path.dirname(opts.file), { recursive: true });
    const fd = openSync(opts.file, "a");
    streams.push({ level: opts.level as pino.Level, stream: pino.destination({ dest: fd, sync: false }) });
  }
  return pino({ name: opts.name, level: opts.level, base: { svc: opts.name } }, pino.multistream(streams));
}

/** A logger that discards everything (unit tests). */
export const silentLogger = (): Logger => pino({ level: "silent" });

const ignore = () => {};
/** A logger that discards everything without pino: the default of components built without one. */
export const noLogger: Logger = { debug: ignore, info: ignore, warn: ignore, error: ignore };
