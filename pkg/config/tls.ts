// The internal links' TLS: reads the PEM files a [tls] section names, and refuses plaintext links in production mode.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { ConfigError } from "./load";
import type { TlsSection } from "./common";

/** The cluster CA and this node's certificate and key, read once at start-up. */
export interface TlsFiles {
  ca: Buffer;
  cert: Buffer;
  key: Buffer;
}

/** The internal links one node opens, each with TLS on or off: grpc, etcd, nsq (only those the node uses). */
export type InternalLinks = Partial<Record<"grpc" | "etcd" | "nsq", boolean>>;

/**
 * The files of [tls] when at least one link turns TLS on (undefined when none does). Relative paths are relative to
 * `baseDir` (the config file's folder). A missing setting or an unreadable file is an error naming the setting.
 */
export function readTlsFiles(tls: TlsSection, baseDir: string): TlsFiles | undefined {
  if (!tls.grpc && !tls.etcd && !tls.nsq) return undefined;
  const on = (["grpc", "etcd", "nsq"] as const).filter((l) => tls[l]).map((l) => `tls.${l}`);
  const read = (key: "ca" | "cert" | "key") => {
    if (!tls[key]) throw new ConfigError(`${on.join(", ")} = true needs tls.${key}, a PEM file`);
    const file = path.resolve(baseDir, tls[key]);
    try {
      return readFileSync(file);
    } catch (err) {
      throw new ConfigError(`tls.${key}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, {
        cause: err,
      });
    }
  };
  return { ca: read("ca"), cert: read("cert"), key: read("key") };
}

/**
 * Production mode refuses plaintext internal links: any host on the network could push to every room, or register a
 * fake conn node, over one. `links` are the links this node opens (true = TLS on). Allowed in dev mode, or when
 * tls.allowPlaintextInternal says the network is private. Throws a ConfigError naming each plaintext link and what to do.
 */
export function refusePlaintextInternal(mode: string, tier: string, tls: TlsSection, links: InternalLinks): void {
  if (mode !== "production" || tls.allowPlaintextInternal) return;
  const plain = Object.entries(links)
    .filter(([, on]) => !on)
    .map(([l]) => l);
  if (plain.length === 0) return;
  throw new ConfigError(
    `${tier}: production mode refuses plaintext internal links (${plain.join(", ")}): set ${plain.map((l) => `tls.${l} = true`).join(", ")} ` +
      `with tls.ca, tls.cert and tls.key (README, "Production"), or tls.allowPlaintextInternal = true if this network is private`,
  );
}

/** The files each internal link uses: set for the links whose TLS [tls] turns on. `configFile`: relative paths start at its folder. */
export function linkTls(tls: TlsSection, configFile: string): { grpc?: TlsFiles; etcd?: TlsFiles; nsq?: TlsFiles } {
  const files = readTlsFiles(tls, path.dirname(configFile));
  return { grpc: tls.grpc ? files : undefined, etcd: tls.etcd ? files : undefined, nsq: tls.nsq ? files : undefined };
}

/** refusePlaintextInternal for a node's own links: gRPC always, etcd when discovery uses it, NSQ for logic and job. */
export function checkInternalLinks(
  tier: string,
  cfg: { mode: string; tls: TlsSection; discovery: { kind: string } },
  usesNsq: boolean,
): void {
  refusePlaintextInternal(cfg.mode, tier, cfg.tls, {
    grpc: cfg.tls.grpc,
    ...(cfg.discovery.kind === "etcd" ? { etcd: cfg.tls.etcd } : {}),
    ...(usesNsq ? { nsq: cfg.tls.nsq } : {}),
  });
}
