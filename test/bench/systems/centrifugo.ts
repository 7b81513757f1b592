// Centrifugo v6 as a system under test: one node on the memory engine, or two nodes sharing Redis (the way
// Centrifugo scales out). The binary is built by peers/install-centrifugo.sh into test/bench/.peers/bin.
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import jwt from "jsonwebtoken";
import { repoRoot } from "../../harness/bin";
import { freePort, startProc, waitForPort, type Proc } from "../../harness/proc";
import { PeerUnavailable, type SystemUnderTest } from "./system";
import { REDIS, requireRedis } from "./redis";
import { postJson } from "./http_post";

const installScript = path.join(repoRoot, "test/bench/peers/install-centrifugo.sh");
const binary = path.join(repoRoot, "test/bench/.peers/bin/centrifugo");

/** The built binary, building it first when it is missing or of another version. */
function centrifugoBinary(): string {
  // The script returns at once when the binary already reports its version; an older one (v5 reads another
  // config layout) is rebuilt rather than run.
  const r = spawnSync("bash", [installScript], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  if (r.status !== 0 || !existsSync(binary)) {
    const last = (r.stderr ?? "").trim().split("\n").pop() || r.error?.message || `exit ${r.status ?? r.signal}`;
    throw new PeerUnavailable(`Centrifugo could not be built: ${last}`);
  }
  return binary;
}

interface Node {
  proc: Proc;
  port: number;
}

async function startCentrifugo(name: string, nodes: number, engine: Record<string, unknown>): Promise<SystemUnderTest> {
  const bin = centrifugoBinary();
  const dir = mkdtempSync(path.join(tmpdir(), "roomcast-bench-centrifugo-"));
  const secret = randomUUID();
  const apiKey = randomUUID();
  const started: Node[] = [];
  const stopAll = async () => {
    await Promise.all(started.map((n) => n.proc.stop()));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < nodes; i++) {
      const port = await freePort();
      // v6's nested layout (internal/configtypes); keys it does not know are only warned about, at a level
      // below the one set here, so `centrifugo checkconfig --strict` is the way to check a change.
      const config = {
        node: { name: `bench-${i}` },
        http_server: { port, address: "127.0.0.1" },
        client: {
          token: { hmac_secret_key: secret },
          // Each connection may buffer this much before Centrifugo drops it as a slow consumer (default 1 MB).
          queue_max_size: 64 * 1024 * 1024,
        },
        channel: { without_namespace: { allow_subscribe_for_client: true, allow_publish_for_subscriber: true } },
        http_api: { key: apiKey },
        log: { level: "error" },
        usage_stats: { disabled: true },
        engine,
      };
      const file = path.join(dir, `node-${i}.json`);
      writeFileSync(file, JSON.stringify(config, null, 2));
      const proc = startProc(`centrifugo-${i}`, bin, ["--config", file], {}, dir);
      started.push({ proc, port });
      await Promise.race([
        waitForPort(port, "127.0.0.1", 20_000),
        proc.exited.then((code) => {
          throw new Error(`centrifugo-${i} exited (${code}) while starting:\n${proc.output().slice(-2000)}`);
        }),
      ]);
    }
  } catch (err) {
    await stopAll();
    throw err;
  }
  const pids = () => started.map((n) => n.proc.child.pid!);
  const apiUrl = `http://127.0.0.1:${started[0].port}/api/publish`;
  return {
    name,
    client: "centrifugo",
    wsUrls: started.map((n) => `ws://127.0.0.1:${n.port}/connection/websocket`),
    token: jwt.sign({ sub: "bench" }, secret, { algorithm: "HS256", expiresIn: "1d" }),
    tokenFor: (i: number) => jwt.sign({ sub: `bench-${i}` }, secret, { algorithm: "HS256", expiresIn: "1d" }),
    pids,
    processes: () => started.map((n) => ({ name: n.proc.name, pid: n.proc.child.pid! })),
    connPids: pids,
    async postMessage(room, body) {
      const { status, text } = await postJson(apiUrl, { channel: room, data: body }, { "X-API-Key": apiKey });
      if (status !== 200) throw new Error(`Centrifugo publish: HTTP ${status} ${text}`);
      const answer = JSON.parse(text) as { error?: { code: number; message: string } };
      if (answer.error) throw new Error(`Centrifugo publish: ${answer.error.code} ${answer.error.message}`);
    },
    stop: stopAll,
  };
}

/** One node, memory engine. */
export function centrifugoSingle(): Promise<SystemUnderTest> {
  return startCentrifugo("Centrifugo", 1, { type: "memory" });
}

/** Two nodes sharing Redis on 127.0.0.1:6379 under a prefix of their own; client i dials node i % 2. */
export async function centrifugoRedis(): Promise<SystemUnderTest> {
  await requireRedis("Centrifugo + redis");
  return startCentrifugo("Centrifugo + redis", 2, {
    type: "redis",
    redis: { address: [`redis://${REDIS.host}:${REDIS.port}`], prefix: `roomcast-bench-${process.pid}-${Date.now()}` },
  });
}
