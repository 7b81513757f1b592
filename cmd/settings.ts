// Every environment variable a roomcast program reads, from the tiers' built-in defaults. Each program checks every
// ROOMCAST_* variable against this catalog at start-up; `node --import tsx cmd/settings.ts` prints the README's table.
import { envCatalog, type EnvCatalog } from "@roomcast/pkg/config";
import { defaultConnConfig } from "@roomcast/internal/conn/config";
import { defaultLogicConfig } from "@roomcast/internal/logic/config";
import { defaultJobConfig } from "@roomcast/internal/job/config";

/** ROOMCAST_* names that are not settings, and what reads them. */
export const KNOWN_VARIABLES: Record<string, string> = {
  ROOMCAST_CONFIG: "every program: the TOML file to read instead of the one beside its main (must exist)",
  ROOMCAST_HTTP_URL: "the CLI: `--http`, a logic node's HTTP address",
  ROOMCAST_NODES: "`pnpm cluster`: nodes per tier (2)",
  ROOMCAST_CLUSTER_DATA: "`pnpm cluster`: the folder of nsqd's and etcd's data and every log (`.data/cluster`)",
  ROOMCAST_CLUSTER_PORT_BASE:
    "`pnpm cluster`: node i's ports are BASE+100·i+2 (conn ws), +8 (conn ops), +9, +11 (logic http), +18 (logic ops), +19, +21 (job ops) (3100)",
  ROOMCAST_CLUSTER_NSQD_PORT:
    "`pnpm cluster`: nsqd's TCP port; HTTP is the next one; the NORMAL nsqd takes the two after, the second IMPORTANT nsqd the two after those (4150)",
  ROOMCAST_CLUSTER_LOOKUPD_PORT: "`pnpm cluster`: nsqlookupd's TCP port; HTTP is the next one (4160)",
  ROOMCAST_CLUSTER_ETCD_PORT: "`pnpm cluster`: etcd's client port; its peer port is the next one (2379)",
  ROOMCAST_CLUSTER_TLS:
    "`pnpm cluster`: 1 turns TLS on for every internal link (gRPC, etcd, NSQ) with a throwaway CA and node certificate in DATA/pki (deploy/make-certs.sh); etcd also wants user roomcast and the password in DATA/pki/etcd-password (0)",
  ROOMCAST_CHROMIUM: "the browser tests: the chromium binary",
  ROOMCAST_TEST_REDIS: "the history tests: the Redis they use and whose test keys they delete (redis://127.0.0.1:6379)",
};

export function roomcastEnv(): EnvCatalog {
  return envCatalog({ conn: defaultConnConfig(), logic: defaultLogicConfig(), job: defaultJobConfig() }, KNOWN_VARIABLES);
}

const shown = (v: unknown) => (Array.isArray(v) ? v.join(",") : String(v));

/** The README's table of every variable (between its `env-table` markers). */
export function envTable(catalog = roomcastEnv()): string {
  const rows = catalog.vars.map((v) => {
    const key =
      v.key.length === 1
        ? v.key[0]!
        : v.tier === "process"
          ? `[${v.key[0]}] ${v.key[1]}`
          : `[${v.key.slice(0, -1).join(".")}] ${v.key.at(-1)}`;
    const where = v.tier === "process" ? "every program" : v.tier;
    const d = shown(v.default);
    return `| \`${v.name}\` | ${where} | \`${key}\` | ${d === "" ? "(empty)" : `\`${d}\``} |`;
  });
  const known = Object.entries(catalog.known).map(([name, what]) => `| \`${name}\` | ${what} | | |`);
  return [
    "| variable | read by | TOML key (standalone: under `[<tier>.…]`) | built-in default |",
    "|---|---|---|---|",
    ...rows,
    ...known,
  ].join("\n");
}

if (require.main === module) console.log(envTable());
