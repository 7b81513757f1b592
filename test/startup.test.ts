// A node that cannot reach what it needs at start-up exits 1 saying what failed, where, and what to do, instead of a
// library's stack trace ("TypeError: fetch failed", "GRPCUnavailableError: 14 UNAVAILABLE").
import * as path from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { freePort } from "./harness/proc";
import { tsProc } from "./harness/roomcast";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "roomcast-startup-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs a main that should fail to start; resolves with its exit code and output (it is stopped after 30 s). */
async function failedStart(name: string, main: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const p = tsProc(name, main, env, dir);
  const timer = setTimeout(() => void p.stop(), 30_000);
  const code = await p.exited;
  clearTimeout(timer);
  return { code, output: p.output() };
}

describe("a start-up failure says what failed, where, and what to do", () => {
  it("logic with no nsqd listening", async () => {
    // A port nothing listens on: a privileged one (fetch refuses port 1), since a released free port could be handed to another test's process.
    const nsqdHttp = "127.0.0.1:2";
    const r = await failedStart("logic-no-nsqd", "cmd/logic/main.ts", {
      ROOMCAST_LOGIC_HTTP_PORT: String(await freePort()),
      ROOMCAST_LOGIC_GRPC_PORT: String(await freePort()),
      ROOMCAST_LOGIC_TOKEN_SECRET: "s",
      ROOMCAST_LOGIC_QUEUE_NSQD_HTTP: nsqdHttp,
      ROOMCAST_LOGIC_DISCOVERY_KIND: "static",
    });
    expect(r.code).toBe(1);
    expect(r.output).toContain(
      `logic failed to start: cannot reach nsqd's HTTP API at ${nsqdHttp} (connection refused): start nsqd or set queue.nsqdHttp`,
    );
    expect(r.output).not.toContain("TypeError");
    expect(r.output).not.toMatch(/^\s+at /m);
  }, 40_000);

  it("conn with no etcd listening", async () => {
    const etcd = "127.0.0.1:2";
    const r = await failedStart("conn-no-etcd", "cmd/conn/main.ts", {
      ROOMCAST_CONN_WS_PORT: String(await freePort()),
      ROOMCAST_CONN_GRPC_PORT: String(await freePort()),
      ROOMCAST_CONN_DISCOVERY_ETCD: etcd,
    });
    expect(r.code).toBe(1);
    expect(r.output).toContain(`conn failed to start: cannot reach etcd at ${etcd} (connection refused): start etcd or set discovery.etcd`);
    expect(r.output).not.toContain("GRPCUnavailableError");
    expect(r.output).not.toMatch(/^\s+at /m);
  }, 40_000);
});
