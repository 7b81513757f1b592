// Finds the infrastructure binaries that deploy/install-deps.sh installed.
import { existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import * as path from "node:path";

export const repoRoot = path.resolve(__dirname, "../..");

/** The path of nsqd, nsqlookupd or etcd: .data/bin first, then PATH. Throws with the install command otherwise. */
export function findBinary(name: string): string {
  const local = path.join(repoRoot, ".data/bin", name);
  if (existsSync(local)) return local;
  try {
    return execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim();
  } catch {
    throw new Error(`${name} not found: run "bash deploy/install-deps.sh" first`);
  }
}
