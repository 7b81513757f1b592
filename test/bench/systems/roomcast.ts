// roomcast standalone as a system under test, with the per-client rate limit lifted (the load is the point).
import { Tokens } from "@roomcast/pkg/token";
import { startStandalone, TOKEN_SECRET } from "../../harness/roomcast";
import type { SystemUnderTest } from "./system";

export const benchTuning = {
  ROOMCAST_CONN_WS_MESSAGES_PER_SEC: "1000000",
  ROOMCAST_CONN_WS_MESSAGE_BURST: "1000000",
  // The production idle timeout (the test harness shortens it to 4 s); bench clients beat every 20 s.
  ROOMCAST_CONN_WS_HEARTBEAT_TIMEOUT_SEC: "60",
};

export async function roomcastStandalone(): Promise<SystemUnderTest> {
  const target = await startStandalone(benchTuning);
  return {
    name: "roomcast standalone",
    wsUrls: target.wsUrls,
    token: new Tokens({ secret: TOKEN_SECRET, ttlSec: 86_400 }).sign("bench"),
    pids: () => target.procs.map((p) => p.child.pid!),
    stop: () => target.stop(),
  };
}
