// Starts roomcast itself for integration tests: standalone in one process, or a cluster of separate
// conn, logic and job processes on real nsqd, nsqlookupd and etcd.
import * as path from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { repoRoot } from "./bin";
import { startProc, freePort, type Proc } from "./proc";

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

export async function startStandalone(extraEnv: Record<string, string> = {}, nodeArgs: string[] = []): Promise<Target> {
  const logDir = mkdtempSync(path.join(tmpdir(), "roomcast-standalone-"));
  // Fixed ports may come in extraEnv (a restart on the same ports); otherwise any free ones.
  const ws = Number(extraEnv.ROOMCAST_CONN_WS_PORT) || (await freePort());
  const http = Number(extraEnv.ROOMCAST_LOGIC_HTTP_PORT) || (await freePort());
  const proc = tsProc(
    "standalone",
    "cmd/standalone/main.ts",
    {
      ROOMCAST_CONN_WS_PORT: String(ws),
      ROOMCAST_CONN_WS_HEARTBEAT_TIMEOUT_SEC: testTuning.heartbeatTimeoutSec,
      ROOMCAST_CONN_WS_SIGN_IN_TIMEOUT_SEC: testTuning.signInTimeoutSec,
      ROOMCAST_LOGIC_HTTP_PORT: String(http),
      ROOMCAST_LOGIC_TOKEN_SECRET: TOKEN_SECRET,
      ...extraEnv,
    },
    logDir,
    nodeArgs,
  );
  await proc.waitFor("standalone ready", 30_000);
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
