// A real etcd process on free loopback ports, data in a temp folder.
import * as path from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { findBinary } from "./bin";
import { startProc, freePort, waitForPort, type Proc } from "./proc";

export interface Etcd {
  /** "127.0.0.1:PORT", as EtcdDiscovery's hosts take it. */
  endpoint: string;
  /** The running process (a new one after restart()). */
  proc: Proc;
  /** Stops etcd and starts it again on the same ports and data, as an operator's restart would. */
  restart(): Promise<void>;
  /** Stops etcd and removes its data. */
  stop(): Promise<void>;
}

// etcd refuses to start on architectures it does not support unless told to (Debian builds it for more of them).
const goArch: Record<string, string> = {
  x64: "amd64",
  arm64: "arm64",
  arm: "arm",
  ia32: "386",
  ppc64: "ppc64le",
  s390x: "s390x",
  riscv64: "riscv64",
};
const supported = new Set(["amd64", "arm64", "ppc64le"]);

async function twoFreePorts(): Promise<[number, number]> {
  const client = await freePort();
  let peer = await freePort();
  while (peer === client) peer = await freePort();
  return [client, peer];
}

export async function startEtcd(): Promise<Etcd> {
  const dir = mkdtempSync(path.join(tmpdir(), "roomcast-etcd-"));
  const [client, peer] = await twoFreePorts();
  const name = `test${client}`;
  const arch = goArch[process.arch] ?? process.arch;
  const env = supported.has(arch) ? {} : { ETCD_UNSUPPORTED_ARCH: arch };
  const args = [
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
  ];
  const launch = async (): Promise<Proc> => {
    const proc = startProc("etcd", findBinary("etcd"), args, env);
    try {
      await waitForPort(client, "127.0.0.1", 20_000);
      await proc.waitFor(/ready to serve client requests|serving insecure client requests/, 20_000);
      return proc;
    } catch (err) {
      await proc.kill9();
      throw err;
    }
  };
  let proc: Proc;
  try {
    proc = await launch();
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const etcd: Etcd = {
    endpoint: `127.0.0.1:${client}`,
    proc,
    async restart() {
      await etcd.proc.stop();
      etcd.proc = await launch();
    },
    async stop() {
      await etcd.proc.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return etcd;
}
