// The Redis the history tests use (127.0.0.1:6379 on these machines and in CI; ROOMCAST_TEST_REDIS to point elsewhere).
import Redis from "ioredis";
import { onFreePorts, startProc, startReady, type Proc } from "./proc";

export const TEST_REDIS_URL = process.env.ROOMCAST_TEST_REDIS ?? "redis://127.0.0.1:6379";

/** A short-lived client for a test's own reads and deletes. */
export function testRedis(): Redis {
  return new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: false });
}

/** Deletes every key under `prefix` (a test cluster's history): nothing is left behind in the shared Redis. */
export async function deleteRedisKeys(prefix: string): Promise<number> {
  const redis = testRedis();
  redis.on("error", () => undefined);
  let deleted = 0;
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.del(...keys);
    } while (cursor !== "0");
  } catch {
    // Redis away: nothing of ours can be there to delete.
  } finally {
    redis.disconnect();
  }
  return deleted;
}

/** A Redis server of a test's own (redis-server on a free port, nothing saved), for tests that kill it. */
export interface OwnRedis {
  url: string;
  readonly proc: Proc;
  kill9(): Promise<void>;
  /** Starts it again on the same port, empty. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startRedis(): Promise<OwnRedis> {
  const start = (port: number) =>
    startReady(
      () => startProc(`redis-${port}`, "redis-server", ["--port", String(port), "--save", "", "--appendonly", "no"]),
      "Ready to accept connections",
    );
  let port = 0;
  let proc = await onFreePorts(1, async ([p]) => {
    port = p!;
    return start(port);
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    get proc() {
      return proc;
    },
    kill9: () => proc.kill9(),
    async restart() {
      await proc.kill9();
      proc = await start(port);
    },
    async stop() {
      await proc.stop();
    },
  };
}
