// The ceiling as a system under test: ceiling/server.ts in one process, dialled with the roomcast client.
import * as path from "node:path";
import { startProc, freePort } from "../../harness/proc";
import { repoRoot } from "../../harness/bin";
import { INSPECT, collectGarbage, inspectPort } from "./inspector";
import type { SystemUnderTest } from "./system";

export async function ceiling(nodeArgs: string[] = []): Promise<SystemUnderTest> {
  const port = await freePort();
  const proc = startProc(
    "ceiling",
    process.execPath,
    [INSPECT, ...nodeArgs, "--import", "tsx", path.join(__dirname, "..", "ceiling", "server.ts")],
    { CEILING_PORT: String(port) },
    repoRoot,
  );
  await proc.waitFor(`ceiling ready ${port}`, 30_000);
  const inspect = await inspectPort(proc);
  return {
    name: "ceiling (bare uWS)",
    client: "roomcast",
    wsUrls: [`ws://127.0.0.1:${port}/room`],
    token: "unchecked",
    pids: () => [proc.child.pid!],
    processes: () => [{ name: "ceiling", pid: proc.child.pid! }],
    connPids: () => [proc.child.pid!],
    gc: () => collectGarbage(inspect),
    stop: async () => void (await proc.stop()),
  };
}
