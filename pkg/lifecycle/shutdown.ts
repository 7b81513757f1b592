// Ordered shutdown on SIGTERM/SIGINT: each step runs in turn, a failing step is logged and the next still runs.
import type { RootLogger as Logger } from "../log/log";

export interface Step {
  name: string;
  run: () => Promise<unknown> | unknown;
}

/** Installs signal handlers that run the steps once and exit 0 (1 if a step failed); a second signal exits at once. */
export function onShutdown(log: Logger, steps: Step[], hardTimeoutMs = 20_000): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      log.warn({ signal }, "second signal: exiting now");
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, "shutting down");
    const timer = setTimeout(() => {
      log.error("shutdown took too long; exiting");
      process.exit(1);
    }, hardTimeoutMs);
    timer.unref();
    let failed = false;
    for (const step of steps) {
      try {
        await step.run();
      } catch (err) {
        failed = true;
        log.error({ err, step: step.name }, "shutdown step failed");
      }
    }
    log.info("stopped");
    log.flush();
    setTimeout(() => process.exit(failed ? 1 : 0), 50);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
}

/** Logs an unexpected rejection or exception instead of crashing silently; exceptions still end the process. */
export function logCrashes(log: Logger): void {
  process.on("unhandledRejection", (err) => log.error({ err }, "unhandled rejection"));
  process.on("uncaughtException", (err) => {
    log.fatal({ err }, "uncaught exception");
    log.flush();
    setTimeout(() => process.exit(1), 50);
  });
}
