// Turns on etcd's user/password auth for a local TLS cluster (deploy/cluster.sh with ROOMCAST_CLUSTER_TLS=1), as an
// operator does once with etcdctl: user root (role root), role roomcast (read and write under /roomcast/), user
// roomcast, then auth on. Both users get the password read from stdin. etcd serves https and wants a client
// certificate: PKI_DIR holds ca.pem, node.pem and node-key.pem (deploy/make-certs.sh).
// Usage: node deploy/etcd-auth.mjs HOST:PORT PKI_DIR <password-file
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";

// etcd3 is a dependency of @roomcast/pkg (pnpm does not hoist it to the root).
const { Etcd3 } = createRequire(new URL("../pkg/package.json", import.meta.url))("etcd3");
const [endpoint, pki] = process.argv.slice(2);
if (!endpoint || !pki) {
  console.error("usage: node deploy/etcd-auth.mjs HOST:PORT PKI_DIR <password-file");
  process.exit(2);
}
const password = readFileSync(0, "utf8").trim();
if (!password) {
  console.error("etcd-auth: no password on stdin");
  process.exit(2);
}
const file = (name) => readFileSync(path.join(pki, name));
const etcd = new Etcd3({
  hosts: `https://${endpoint}`,
  credentials: { rootCertificate: file("ca.pem"), certChain: file("node.pem"), privateKey: file("node-key.pem") },
});
try {
  await etcd.user("root").create(password);
  await etcd.user("root").addRole("root");
  await etcd.role("roomcast").create();
  await etcd.role("roomcast").grant({ permission: "Readwrite", range: etcd.range({ prefix: "/roomcast/" }) });
  await etcd.user("roomcast").create(password);
  await etcd.user("roomcast").addRole("roomcast");
  await etcd.auth.authEnable({});
} catch (err) {
  console.error(`etcd-auth: ${err.message}`);
  process.exitCode = 1;
} finally {
  etcd.close();
}
