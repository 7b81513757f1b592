// A real etcd process on free loopback ports (new ones if another process takes one first), data in a temp folder.
import * as path from "node:path";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { execFile } from "node:child_process";
import { findBinary, repoRoot } from "./bin";
import { onFreePorts, startProc, waitForPort, type Proc } from "./proc";
import type { Pki } from "./pki";

export interface Etcd {
  /** "127.0.0.1:PORT", as EtcdDiscovery's hosts take it. */
  endpoint: string;
  /** With TLS: the user and password etcd requires (auth enabled, the user may read and write /roomcast/). */
  auth?: { username: string; password: string };
  /** The running process (a new one after restart()). */
  proc: Proc;
  /** Stops etcd and starts it again on the same ports and data, as an operator's restart would. */
  restart(): Promise<void>;
  /**
   * Stops etcd, deletes its data and starts it again empty on the same ports, as a restore from nothing would;
   * `whileDown` runs while it is stopped.
   */
  wipe(whileDown?: () => unknown): Promise<void>;
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

export interface EtcdOptions {
  /** Clients over TLS with a certificate the CA signed (--client-cert-auth), and user/password auth on. */
  tls?: Pki;
}

/** Starts etcd on two free ports; if another process took one before etcd bound it, on two new ones. */
export function startEtcd(opts: EtcdOptions = {}): Promise<Etcd> {
  return onFreePorts(2, ([client, peer]) => startEtcdOn(client!, peer!, opts.tls));
}

/**
 * Makes user `roomcast` (read and write under /roomcast/) and root, then turns auth on, with the script `pnpm cluster`
 * uses for the same (deploy/etcd-auth.mjs), so the tests run what an operator runs.
 */
async function enableAuth(endpoint: string, pki: Pki): Promise<{ username: string; password: string }> {
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  await new Promise<void>((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ["--no-deprecation", path.join(repoRoot, "deploy/etcd-auth.mjs"), endpoint, pki.dir],
      { timeout: 30_000 },
      (err, _stdout, stderr) => (err ? reject(new Error(`deploy/etcd-auth.mjs failed: ${stderr || err.message}`)) : resolve()),
    );
    child.stdin!.end(password);
  });
  return { username: "roomcast", password };
}

async function startEtcdOn(client: number, peer: number, tls?: Pki): Promise<Etcd> {
  const dir = mkdtempSync(path.join(tmpdir(), "roomcast-etcd-"));
  const name = `test${client}`;
  const arch = goArch[process.arch] ?? process.arch;
  const env = supported.has(arch) ? {} : { ETCD_UNSUPPORTED_ARCH: arch };
  const scheme = tls ? "https" : "http";
  const args = [
    ...(tls ? ["--cert-file", tls.cert, "--key-file", tls.key, "--trusted-ca-file", tls.ca, "--client-cert-auth"] : []),
    "--name",
    name,
    "--data-dir",
    dir,
    "--listen-client-urls",
    `${scheme}://127.0.0.1:${client}`,
    "--advertise-client-urls",
    `${scheme}://127.0.0.1:${client}`,
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
      // Its own log line first: an etcd that could not bind exits, while another process on the port would answer.
      await proc.waitFor(/ready to serve client requests|serving (insecure )?client (requests|traffic)/, 20_000);
      await waitForPort(client, "127.0.0.1", 20_000);
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
  let auth: Etcd["auth"];
  if (tls) {
    try {
      auth = await enableAuth(`127.0.0.1:${client}`, tls);
    } catch (err) {
      await proc.kill9();
      rmSync(dir, { recursive: true, force: true });
      throw err;
    }
  }
  const etcd: Etcd = {
    endpoint: `127.0.0.1:${client}`,
    auth,
    proc,
    async restart() {
      await etcd.proc.stop();
      etcd.proc = await launch();
    },
    async wipe(whileDown) {
      await etcd.proc.stop();
      await whileDown?.();
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir);
      etcd.proc = await launch();
    },
    async stop() {
      await etcd.proc.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return etcd;
}
