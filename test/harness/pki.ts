// A throwaway cluster CA and node certificate for TLS tests, made by deploy/make-certs.sh (openssl).
import * as path from "node:path";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { repoRoot } from "./bin";

export interface Pki {
  dir: string;
  /** PEM file paths. */
  ca: string;
  cert: string;
  key: string;
  /** The files' contents. */
  files(): { ca: Buffer; cert: Buffer; key: Buffer };
}

/** Makes a CA and a certificate (localhost, 127.0.0.1) signed by it in `dir`. */
export function makePki(dir: string): Pki {
  execFileSync("bash", [path.join(repoRoot, "deploy/make-certs.sh"), dir], { stdio: "pipe" });
  const pki = { dir, ca: path.join(dir, "ca.pem"), cert: path.join(dir, "node.pem"), key: path.join(dir, "node-key.pem") };
  return { ...pki, files: () => ({ ca: readFileSync(pki.ca), cert: readFileSync(pki.cert), key: readFileSync(pki.key) }) };
}
