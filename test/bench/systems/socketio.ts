// socket.io as a system under test: one node, or two nodes joined by @socket.io/redis-adapter (the way
// socket.io scales out). Each node is test/bench/peers/socketio_server.ts in its own Node process, started
// with --inspect so the harness can collect garbage before a memory reading.
import * as path from "node:path";
import { repoRoot } from "../../harness/bin";
import { freePort, startProc, type Proc } from "../../harness/proc";
import { INSPECT, collectGarbage, inspectPort } from "./inspector";
import type { SystemUnderTest } from "./system";
import { postJson } from "./http_post";
import { REDIS, requireRedis } from "./redis";

const serverPath = path.join(repoRoot, "test/bench/peers/socketio_server.ts");

interface Node {
  proc: Proc;
  port: number;
  inspect: number;
}

async function startNode(name: string, env: NodeJS.ProcessEnv): Promise<Node> {
  const port = await freePort();
  const proc = startProc(
    name,
    process.execPath,
    [INSPECT, "--import", "tsx", serverPath],
    { ...env, SOCKETIO_PORT: String(port) },
    repoRoot,
  );
  try {
    await proc.waitFor("socketio ready", 30_000);
    return { proc, port, inspect: await inspectPort(proc) };
  } catch (err) {
    await proc.stop(2_000);
    throw err;
  }
}

async function startNodes(names: string[], env: NodeJS.ProcessEnv): Promise<Node[]> {
  const started = await Promise.allSettled(names.map((n) => startNode(n, env)));
  const failed = started.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) {
    await Promise.all(started.map((r) => (r.status === "fulfilled" ? r.value.proc.stop(2_000) : undefined)));
    throw failed.reason;
  }
  return started.map((r) => (r as PromiseFulfilledResult<Node>).value);
}

function system(name: string, nodes: Node[]): SystemUnderTest {
  const pids = () => nodes.map((n) => n.proc.child.pid!);
  const postUrl = `http://127.0.0.1:${nodes[0].port}/msg`;
  return {
    name,
    client: "socketio",
    wsUrls: nodes.map((n) => `ws://127.0.0.1:${n.port}/socket.io/?EIO=4&transport=websocket`),
    token: "bench",
    pids,
    connPids: pids,
    gc: async () => {
      await Promise.all(nodes.map((n) => collectGarbage(n.inspect)));
    },
    postMessage: async (room, body) => {
      const { status, text } = await postJson(postUrl, { room_id: room, msg: body });
      if (status !== 200) throw new Error(`socket.io POST /msg: ${status} ${text}`);
    },
    stop: async () => {
      await Promise.all(nodes.map((n) => n.proc.stop()));
    },
  };
}

export async function socketIoSingle(): Promise<SystemUnderTest> {
  return system("socket.io", await startNodes(["socketio"], {}));
}

export async function socketIoRedis(): Promise<SystemUnderTest> {
  await requireRedis("socket.io + redis");
  const env = {
    SOCKETIO_REDIS_URL: REDIS.url,
    SOCKETIO_REDIS_PREFIX: `socket.io-bench-${process.pid}-${Date.now()}`,
  };
  return system("socket.io + redis", await startNodes(["socketio-0", "socketio-1"], env));
}
