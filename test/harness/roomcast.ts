// Starts roomcast itself for integration tests: standalone in one process, or a cluster of separate
// conn, logic and job processes on real nsqd, nsqlookupd and etcd.
import * as path from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { repoRoot } from "./bin";
import { onFreePorts, startProc, startReady, type Proc } from "./proc";

export const TOKEN_SECRET = "integration-secret";

/** Knobs the protocol tests need short: idle eviction, sign-in timeout. */
export const testTuning = {
  heartbeatTimeoutSec: "4",
  signInTimeoutSec: "30",
};

export interface Target {
  name: string;
  /** ws://…/room of each conn node. */
  wsUrls: string[];
  /** http://… of each logic node. */
  httpUrls: string[];
  procs: Proc[];
  stop(): Promise<void>;
}

export function tsProc(name: string, main: string, env: Record<string, string>, logDir: string, nodeArgs: string[] = []): Proc {
  return startProc(
    name,
    process.execPath,
    [...nodeArgs, "--import", "tsx", path.join(repoRoot, main)],
    {
      ROOMCAST_LOG_FILE: path.join(logDir, `${name}.log`),
      ROOMCAST_LOG_LEVEL: "info",
      ...env,
    },
    repoRoot,
  );
}

/** `testTuning: false` leaves heartbeat and sign-in timeouts at the built-in defaults (60 s, 20 s). */
export async function startStandalone(
  extraEnv: Record<string, string> = {},
  nodeArgs: string[] = [],
  opts: { testTuning?: boolean } = {},
): Promise<Target> {
  const logDir = mkdtempSync(path.join(tmpdir(), "roomcast-standalone-"));
  // Fixed ports may come in extraEnv (a restart on the same ports); otherwise any free ones, and new ones when another
  // process takes one before standalone binds it.
  const fixedWs = Number(extraEnv.ROOMCAST_CONN_WS_PORT);
  const fixedHttp = Number(extraEnv.ROOMCAST_LOGIC_HTTP_PORT);
  const free = (fixedWs ? 0 : 1) + (fixedHttp ? 0 : 1);
  const { proc, ws, http } = await onFreePorts(
    free,
    async (ports) => {
      const ws = fixedWs || ports.shift()!;
      const http = fixedHttp || ports.shift()!;
      const proc = await startReady(
        () =>
          tsProc(
            "standalone",
            "cmd/standalone/main.ts",
            {
              ROOMCAST_CONN_WS_PORT: String(ws),
              ...(opts.testTuning === false
                ? {}
                : {
                    ROOMCAST_CONN_WS_HEARTBEAT_TIMEOUT_SEC: testTuning.heartbeatTimeoutSec,
                    ROOMCAST_CONN_WS_SIGN_IN_TIMEOUT_SEC: testTuning.signInTimeoutSec,
                  }),
              ROOMCAST_LOGIC_HTTP_PORT: String(http),
              ROOMCAST_LOGIC_TOKEN_SECRET: TOKEN_SECRET,
              ...extraEnv,
            },
            logDir,
            nodeArgs,
          ),
        "standalone ready",
      );
      return { proc, ws, http };
    },
    free > 0 ? 5 : 1,
  );
  return {
    name: "standalone",
    wsUrls: [`ws://127.0.0.1:${ws}/room`],
    httpUrls: [`http://127.0.0.1:${http}`],
    procs: [proc],
    async stop() {
      await proc.stop();
      rmSync(logDir, { recursive: true, force: true });
    },
  };
}
