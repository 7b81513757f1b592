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
  /** http://127.0.0.1:PORT of each process's ops listener (/metrics, /healthz), in the order of `procs`. */
  opsUrls: string[];
  /** host:port of each gRPC Push API (standalone's own listener; a cluster's logic nodes). */
  pushGrpcAddrs: string[];
  procs: Proc[];
  stop(): Promise<void>;
}

/**
 * A roomcast program under test. Unless `env` says otherwise: mode dev (a test's own TOML file need not say it; the
 * files beside the mains do), and every ops listener, and logic's gRPC port (standalone's Push API), on a port of the
 * kernel's choosing (read them with opsUrlOf, grpcAddrOf), so processes of parallel tests never meet on
 * 3108/3118/3119/3121. An `env` value of undefined removes the variable.
 */
export function tsProc(name: string, main: string, env: Record<string, string | undefined>, logDir: string, nodeArgs: string[] = []): Proc {
  return startProc(
    name,
    process.execPath,
    [...nodeArgs, "--import", "tsx", path.join(repoRoot, main)],
    {
      ROOMCAST_LOG_FILE: path.join(logDir, `${name}.log`),
      ROOMCAST_LOG_LEVEL: "info",
      ROOMCAST_MODE: "dev",
      ROOMCAST_CONN_OPS_PORT: "0",
      ROOMCAST_LOGIC_OPS_PORT: "0",
      ROOMCAST_JOB_OPS_PORT: "0",
      ROOMCAST_LOGIC_GRPC_PORT: "0",
      ...env,
    },
    repoRoot,
  );
}

/** 127.0.0.1:PORT of standalone's gRPC Push API, from its ready line ("grpc": PORT). */
export function grpcAddrOf(p: Proc): string {
  const m = /"grpc":(\d+)/.exec(p.output());
  if (!m) throw new Error(`${p.name}: its ready line names no gRPC port; output:\n${p.output().slice(-2000)}`);
  return `127.0.0.1:${m[1]}`;
}

/** http://127.0.0.1:PORT of a started process's ops listener, from its ready line ("ops": PORT). */
export function opsUrlOf(p: Proc): string {
  const m = /"ops":(\d+)|\bops: (\d+)/.exec(p.output());
  if (!m) throw new Error(`${p.name}: its ready line names no ops port; output:\n${p.output().slice(-2000)}`);
  return `http://127.0.0.1:${m[1] ?? m[2]}`;
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
    opsUrls: [opsUrlOf(proc)],
    pushGrpcAddrs: [grpcAddrOf(proc)],
    procs: [proc],
    async stop() {
      await proc.stop();
      rmSync(logDir, { recursive: true, force: true });
    },
  };
}
