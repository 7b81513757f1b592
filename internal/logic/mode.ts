// What a logic's mode enforces at start-up, and where its token secret comes from (README, "Production").
// Production: no POST /tk, the secret only from ROOMCAST_LOGIC_TOKEN_SECRET or token.secretFile (never a TOML's
// token.secret), at least 32 bytes, none of the development secrets that ship with roomcast.
import * as path from "node:path";
import { readFileSync } from "node:fs";
import { ConfigError } from "@roomcast/pkg/config";
import type { LogicConfig } from "./config";

/** Secrets committed in this repository (TOMLs, tests, docs): anyone can forge tokens with them. */
export const DEV_SECRETS: readonly string[] = ["roomcast-dev-secret", "integration-secret", "test-secret"];
export const MIN_SECRET_BYTES = 32;
export const MAKE_SECRET = "generate one with `openssl rand -base64 48` and set ROOMCAST_LOGIC_TOKEN_SECRET or token.secretFile";

export interface LogicModeContext {
  /** The config file read; a relative token.secretFile is relative to its folder. */
  file: string;
  /** Whether the config file itself sets a key (see boot). */
  fileSets(path: string[]): boolean;
  /** Where logic's settings sit in this program's file: "" for a logic node, "logic." for standalone. */
  keyPrefix: string;
}

/** Reads token.secretFile into token.secret and applies production mode's rules; throws ConfigError saying what to do. */
export function applyLogicMode(cfg: LogicConfig, ctx: LogicModeContext): void {
  const key = (k: string) => `${ctx.keyPrefix}${k}`;
  const production = cfg.mode === "production";
  if (production && cfg.http.enableTokenEndpoint)
    throw new ConfigError(
      `${key("http.enableTokenEndpoint")} = true is refused in production mode: POST /tk mints a token for anyone who asks. ` +
        `Turn it off and mint tokens in your own service with the same secret (or run mode = "dev" on a laptop)`,
    );
  if (production && ctx.fileSets([...ctx.keyPrefix.split(".").filter(Boolean), "token", "secret"]))
    throw new ConfigError(
      `${ctx.file} sets ${key("token.secret")}: production mode never takes the secret from a config file (files end up in ` +
        `git, images and backups). Remove it; ${MAKE_SECRET}`,
    );
  if (cfg.token.secretFile) {
    if (cfg.token.secret)
      throw new ConfigError(
        `both ${key("token.secret")} (or ROOMCAST_LOGIC_TOKEN_SECRET) and ${key("token.secretFile")} are set: keep one`,
      );
    const f = path.resolve(path.dirname(ctx.file), cfg.token.secretFile);
    let text: string;
    try {
      text = readFileSync(f, "utf8");
    } catch (err) {
      throw new ConfigError(
        `cannot read ${key("token.secretFile")} ${f}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
        {
          cause: err,
        },
      );
    }
    cfg.token.secret = text.replace(/\r?\n$/, "");
    if (!cfg.token.secret) throw new ConfigError(`${key("token.secretFile")} ${f} is empty; ${MAKE_SECRET}`);
  }
  if (!production) return;
  if (cfg.token.openRooms)
    throw new ConfigError(
      `${key("token.openRooms")} = true is refused in production mode: any signed-in user could join any room. ` +
        `Mint user tokens with a rooms claim (exact names, or prefixes ending in *) and leave it off`,
    );
  // RS256/ES256 verify with a public key; the secret is not used.
  if (cfg.token.algorithm !== "HS256") return;
  const secret = cfg.token.secret;
  if (!secret) throw new ConfigError(`no token secret: production mode needs one from the environment or a file; ${MAKE_SECRET}`);
  if (DEV_SECRETS.includes(secret))
    throw new ConfigError(
      `the token secret is "${secret}", a development secret that ships with roomcast: anyone can forge tokens with it. ` +
        `Production needs a secret of your own; ${MAKE_SECRET}`,
    );
  const bytes = Buffer.byteLength(secret, "utf8");
  if (bytes < MIN_SECRET_BYTES)
    throw new ConfigError(
      `the token secret is ${bytes} bytes: production mode needs at least ${MIN_SECRET_BYTES}, or it can be guessed offline; ${MAKE_SECRET}`,
    );
}
