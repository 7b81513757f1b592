// Clients over wss: each conn node advertises its ws.publicUrl (GET /nodes lists it), and TLS ends at HAProxy
// (deploy/haproxy.cfg) in front of the conn nodes' plain WebSocket ports.
import * as path from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { startCluster, type Cluster } from "./harness/cluster";
import { freePort, killAll } from "./harness/proc";
import { startStandalone, tsProc } from "./harness/roomcast";

jest.setTimeout(60_000);

const scratch = mkdtempSync(path.join(tmpdir(), "roomcast-wss-test-"));
afterAll(async () => {
  await killAll();
  rmSync(scratch, { recursive: true, force: true });
});

async function nodes(httpUrl: string): Promise<string[]> {
  const body = (await (await fetch(`${httpUrl}/nodes`)).json()) as { code: number; data: { nodes: string[] } };
  expect(body.code).toBe(1);
  return body.data.nodes;
}

describe("ws.publicUrl", () => {
  it("standalone lists its publicUrl at GET /nodes", async () => {
    const t = await startStandalone({ ROOMCAST_CONN_WS_PUBLIC_URL: "wss://chat.example.com/room" });
    try {
      expect(await nodes(t.httpUrls[0]!)).toEqual(["wss://chat.example.com/room"]);
    } finally {
      await t.stop();
    }
  });

  it("a publicUrl that is not a ws:// or wss:// URL stops start-up saying so", async () => {
    const proc = tsProc(
      "standalone-bad-url",
      "cmd/standalone/main.ts",
      { ROOMCAST_CONN_WS_PUBLIC_URL: "https://chat.example.com/room" },
      scratch,
    );
    const code = await Promise.race([proc.exited, new Promise((r) => setTimeout(() => r("still running"), 20_000))]);
    if (code === "still running") await proc.kill9();
    expect(code).toBe(1);
    expect(proc.output()).toContain(
      'ws.publicUrl must be a ws:// or wss:// URL such as wss://chat.example.com/room (or empty), got "https://chat.example.com/room"',
    );
  }, 30_000);
});

describe("a cluster behind HAProxy", () => {
  let cluster: Cluster;
  let proxyPort: number;
  let publicUrl: string;
  beforeAll(async () => {
    proxyPort = await freePort();
    publicUrl = `wss://localhost:${proxyPort}/room`;
    // conn-0 advertises the proxy's URL; conn-1 keeps its own ws:// URL.
    cluster = await startCluster({
      conns: 2,
      connEnvOf: (i): Record<string, string> => (i === 0 ? { ROOMCAST_CONN_WS_PUBLIC_URL: publicUrl } : {}),
    });
  }, 120_000);
  afterAll(() => cluster?.stop(), 60_000);

  it("GET /nodes lists a conn node's publicUrl in place of its own address", async () => {
    for (const http of cluster.httpUrls) expect([...(await nodes(http))].sort()).toEqual([publicUrl, cluster.wsUrls[1]!].sort());
  });
});
