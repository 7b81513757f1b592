// Clients over wss: each conn node advertises its ws.publicUrl (GET /nodes lists it), and TLS ends at HAProxy
// (deploy/haproxy.cfg) in front of the conn nodes' plain WebSocket ports.
import * as path from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { MsgLevel } from "@roomcast/pkg/protocol";
import { startCluster, type Cluster } from "./harness/cluster";
import { killAll, portBelowEphemeral, startProc, waitForPort, type Proc } from "./harness/proc";
import { makePki, type Pki } from "./harness/pki";
import { RoomClient } from "./harness/room_client";
import { repoRoot } from "./harness/bin";
import { startStandalone, tsProc } from "./harness/roomcast";
import { post, tokenFor } from "./suite/protocol";

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

const HAPROXY = "/usr/sbin/haproxy";

/**
 * deploy/haproxy.cfg as shipped, for a test: logging to stdout, no user switch, a small maxconn, the frontend on
 * 127.0.0.1:`port` with `pem` (certificate then key), and one server line per conn WebSocket address.
 */
export function haproxyConfigFor(port: number, pem: string, servers: string[]): string {
  const shipped = readFileSync(path.join(repoRoot, "deploy/haproxy.cfg"), "utf8");
  const replaced = (text: string, from: RegExp, to: string) => {
    if (!from.test(text)) throw new Error(`deploy/haproxy.cfg has no line matching ${from}`);
    return text.replace(from, to);
  };
  let cfg = shipped;
  cfg = replaced(cfg, /^(\s*)log \/dev\/log local0$/m, "$1log stdout format raw local0");
  cfg = replaced(cfg, /^\s*user haproxy\n\s*group haproxy\n/m, "");
  cfg = replaced(cfg, /^(\s*)maxconn 100000$/m, "$1maxconn 2000");
  cfg = replaced(cfg, /^(\s*)bind :443 ssl crt \/etc\/haproxy\/certs\/roomcast\.pem/m, `$1bind 127.0.0.1:${port} ssl crt ${pem}`);
  cfg = replaced(cfg, /^(\s*server conn-\d+ \S+\n)+/m, servers.map((s, i) => `    server conn-${i} ${s}\n`).join(""));
  return cfg;
}

describe("a cluster behind HAProxy", () => {
  let cluster: Cluster;
  let proxyPort: number;
  let publicUrl: string;
  beforeAll(async () => {
    // Named before the cluster starts (conn-0 advertises it), and the cluster's processes bind port 0 meanwhile.
    proxyPort = await portBelowEphemeral();
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

  describe("HAProxy from deploy/haproxy.cfg terminating TLS", () => {
    let pki: Pki;
    let haproxy: Proc;
    beforeAll(async () => {
      if (!existsSync(HAPROXY))
        throw new Error(`${HAPROXY} is missing: deploy/install-deps.sh installs Debian's haproxy (apt-get install -y haproxy)`);
      pki = makePki(path.join(scratch, "pki"));
      const pem = path.join(scratch, "roomcast.pem");
      writeFileSync(pem, Buffer.concat([readFileSync(pki.cert), readFileSync(pki.key)]));
      const cfg = path.join(scratch, "haproxy.cfg");
      writeFileSync(
        cfg,
        haproxyConfigFor(
          proxyPort,
          pem,
          cluster.wsUrls.map((u) => new URL(u).host),
        ),
      );
      execFileSync(HAPROXY, ["-c", "-q", "-f", cfg], { stdio: "pipe" });
      haproxy = startProc("haproxy", HAPROXY, ["-db", "-f", cfg]);
      await waitForPort(proxyPort);
    }, 30_000);
    afterAll(() => haproxy?.stop());

    it("a wss client takes the URL GET /nodes lists, signs in through HAProxy and receives the room's messages", async () => {
      const http = cluster.httpUrls[0]!;
      const url = (await nodes(http)).find((u) => u.startsWith("wss:"));
      expect(url).toBe(publicUrl);
      const roomID = `wss-${Date.now()}`;
      const ca = readFileSync(pki.ca);
      // Two clients through the proxy (leastconn spreads them over the conn nodes) and one straight on conn-1.
      const a = (await RoomClient.join(url!, await tokenFor(http, "alice"), roomID, undefined, ca)).keepAlive(1000);
      const b = (await RoomClient.join(url!, await tokenFor(http, "bob"), roomID, undefined, ca)).keepAlive(1000);
      const c = (await RoomClient.join(cluster.wsUrls[1]!, await tokenFor(http, "carol"), roomID)).keepAlive(1000);
      try {
        a.say(roomID, "hello over wss");
        const push = await tokenFor(http, "order-service", "push");
        const r = await post(`${http}/msg`, { room_id: roomID, msg: "Order #7 shipped" }, { Authorization: `Bearer ${push}` });
        expect(r.json).toEqual({ code: 1, msg: "" });
        for (const client of [a, b, c]) {
          const got = await client.waitForMessages((m) => m.length >= 2, 10_000);
          expect(got.map((m) => [m.text, m.msgLv]).sort()).toEqual(
            [
              ["Order #7 shipped", MsgLevel.IMPORTANT],
              ["hello over wss", MsgLevel.NORMAL],
            ].sort(),
          );
        }
      } finally {
        for (const client of [a, b, c]) client.close();
      }
    }, 45_000);

    it("refuses a client that does not trust the certificate, plain ws:// and anything but /room", async () => {
      const port = proxyPort;
      await expect(RoomClient.connect(publicUrl)).rejects.toThrow(/self[- ]signed|unable to verify|certificate/i);
      await expect(RoomClient.connect(`ws://localhost:${port}/room`, 3_000)).rejects.toThrow();
      const ca = readFileSync(pki.ca);
      await expect(RoomClient.connect(`wss://localhost:${port}/metrics`, 3_000, undefined, ca)).rejects.toThrow(/404/);
    }, 30_000);

    it("its health check (a WebSocket upgrade of /room answered 101) keeps both conn nodes up", async () => {
      // Checks every 2 s, down after 2 failures: 6 s is enough for a failing node to be marked down.
      await new Promise((r) => setTimeout(r, 6_000));
      expect(haproxy.output()).not.toMatch(/is DOWN/);
      expect(haproxy.output()).not.toMatch(/ALERT/);
    }, 20_000);

    // Last: it stops conn-0.
    it("takes a stopped conn node out (health check) and signs new clients in on the other", async () => {
      await cluster.conns[0]!.stop();
      await haproxy.waitFor(/conn-0 is DOWN/, 10_000);
      const http = cluster.httpUrls[0]!;
      const ca = readFileSync(pki.ca);
      const roomID = `wss-after-${Date.now()}`;
      const clients = [];
      for (let i = 0; i < 3; i++) clients.push(await RoomClient.join(publicUrl, await tokenFor(http, `late-${i}`), roomID, undefined, ca));
      try {
        expect(await clients[0]!.members()).toBe(3);
      } finally {
        for (const client of clients) client.close();
      }
    }, 30_000);
  });
});
