// pino loggers that write to stdout and to the service's live.log (cmd/<service>/log/live.log): on a terminal stdout
// gets a human line per event (pino-pretty), piped it gets pino's JSON; the file is always JSON.
import { mkdirSync, openSync } from "node:fs";
import * as path from "node:path";
import pino from "pino";
import pretty from "pino-pretty";
import { ConfigError } from "../config/load";

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
  /** stdout's format: "json", "pretty" (a human line per event), or "auto" (pretty when stdout is a terminal). Default "auto". */
  format?: string;
}

export const LOG_FORMATS = ["auto", "json", "pretty"] as const;

/** Whether stdout gets human lines: "pretty", or "auto" on a terminal. Throws ConfigError for an unknown format. */
export function prettyStdout(format = "auto", isTTY = Boolean(process.stdout.isTTY)): boolean {
  if (!(LOG_FORMATS as readonly string[]).includes(format))
    throw new ConfigError(`log.format must be one of ${LOG_FORMATS.map((f) => `"${f}"`).join(", ")}, got "${format}"`);
  return format === "pretty" || (format === "auto" && isTTY);
}

/** Human lines on stdout, one per event: time, level, logger name, message, then the event's fields on the same line. */
function prettyStream(): NodeJS.WritableStream {
  return pretty({
    destination: 1,
    sync: true, // a terminal's lines are few; written at once, none is lost when the process exits
    colorize: Boolean(process.stdout.isTTY),
    translateTime: "SYS:HH:MM:ss.l",
    ignore: "pid,hostname,svc",
    singleLine: true,
  });
}

export function createLogger(opts: LogOptions): RootLogger {
  const stdout = prettyStdout(opts.format) ? prettyStream() : pino.destination({ dest: 1, sync: false });
  const streams: pino.StreamEntry[] = [{ level: opts.level as pino.Level, stream: stdout }];
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
