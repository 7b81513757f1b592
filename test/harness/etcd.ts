// A real etcd process on free loopback ports, data in a temp folder.
import * as path from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { findBinary } from "./bin";
import { startProc, freePort, waitForPort, type Proc } from "./proc";

export interface Etcd {
  endpoint: string;
  proc: Proc;
  stop(): Promise<void>;
}

export async function startEtcd(): Promise<Etcd> {
  const dir = mkdtempSync(path.join(tmpdir(), "roomcast-etcd-"));
  const [client, peer] = [await freePort(), await freePort()];
  const name = `test${client}`;
  const proc = startProc("etcd", findBinary("etcd"), [
    "--name",
    name,
    "--data-dir",
    dir,
    "--listen-client-urls",
    `http://127.0.0.1:${client}`,
    "--advertise-client-urls",
    `http://127.0.0.1:${client}`,
    "--listen-peer-urls",
    `http://127.0.0.1:${peer}`,
    "--initial-advertise-peer-urls",
    `http://127.0.0.1:${peer}`,
    "--initial-cluster",
    `${name}=http://127.0.0.1:${peer}`,
  ]);
  await waitForPort(client, "127.0.0.1", 20_000);
  await proc.waitFor(/ready to serve client requests|serving insecure client requests/, 20_000);
  return {
    endpoint: `127.0.0.1:${client}`,
    proc,
    async stop() {
      await proc.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
