// The local Redis the "+ redis" peers scale out on (127.0.0.1:6379 on these machines).
import * as net from "node:net";
import { PeerUnavailable } from "./system";

export const REDIS = { host: "127.0.0.1", port: 6379, url: "redis://127.0.0.1:6379" };

/** Resolves when Redis answers PING; otherwise throws PeerUnavailable naming the peer and the reason. */
export function requireRedis(peer: string, timeoutMs = 3_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = net.connect(REDIS.port, REDIS.host);
    let reply = "";
    const done = (why?: string) => {
      clearTimeout(timer);
      s.destroy();
      if (why === undefined) resolve();
      else reject(new PeerUnavailable(`${peer}: Redis at ${REDIS.host}:${REDIS.port} is not reachable: ${why}`));
    };
    const timer = setTimeout(() => done(`no answer to PING within ${timeoutMs} ms`), timeoutMs);
    s.once("connect", () => s.write("PING\r\n"));
    s.on("data", (b: Buffer) => {
      reply += b.toString();
      if (reply.includes("\r\n")) done(reply.startsWith("+PONG") ? undefined : `PING answered ${JSON.stringify(reply.trim())}`);
    });
    s.once("error", (err) => done(err.message));
    s.once("close", () => done("connection closed before PONG"));
  });
}
