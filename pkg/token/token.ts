// JWT tokens for clients (sign-in) and business services (POST /msg with scope "push"), verified with one key whose
// algorithm is pinned: HS256 with the shared secret (default), or RS256 / ES256 with a public key (PEM file) for
// issuers that keep the private key elsewhere. docs/design.md, "Tokens"; shared/DESIGN.md §8.
import { createPublicKey, createSecretKey, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import jwt from "jsonwebtoken";
import { ErrCode } from "../protocol/codes";
import { RoomcastError } from "../protocol/errors";

export interface Claims {
  uid: string;
  scope?: string;
  /** Expiry, unix seconds. */
  exp: number;
  /** Issued at, unix seconds, when the token says. */
  iat?: number;
  /** Rooms the token may join: exact names, and prefixes ending in `*`. Absent: the server's room policy decides. */
  rooms?: string[];
}

export const PUSH_SCOPE = "push";

export const ALGORITHMS = ["HS256", "RS256", "ES256"] as const;
export type TokenAlgorithm = (typeof ALGORITHMS)[number];

/** Longest uid a token may carry, bytes of UTF-8. */
export const MAX_UID_BYTES = 128;
/** Longest token accepted, bytes: anything longer is refused before it is parsed. */
export const MAX_TOKEN_BYTES = 8192;
/** Clock difference tolerated on `exp` and `iat`, seconds. */
export const CLOCK_LEEWAY_SEC = 30;

export interface TokenOptions {
  /** HS256's shared secret: signs and verifies. Unused by RS256 and ES256 (it may be empty there). */
  secret: string;
  /** Lifetime of minted tokens, seconds. */
  ttlSec: number;
  /** The one algorithm tokens are verified with: "HS256" (default), "RS256" or "ES256". */
  algorithm?: string;
  /** RS256/ES256: a PEM file with the issuer's public key (an RSA key for RS256, a P-256 key for ES256). */
  publicKeyFile?: string;
  /** RS256/ES256: the PEM text itself, instead of publicKeyFile. */
  publicKey?: string;
  /** User tokens (scope other than push) living longer than this (exp − iat, or exp − now without iat) are refused; 0 = no limit. */
  maxTtlSec?: number;
}

const invalid = (why: string, cause?: unknown) =>
  new RoomcastError(ErrCode.INVALID_TOKEN, `invalid or expired token: ${why}`, cause === undefined ? undefined : { cause });

/** The verification key for `algorithm`, refusing a key of the wrong kind with a sentence that names the setting. */
function verificationKey(opts: TokenOptions, algorithm: TokenAlgorithm): KeyObject {
  if (algorithm === "HS256") {
    if (!opts.secret) throw new Error("token secret is empty");
    return createSecretKey(Buffer.from(opts.secret, "utf8"));
  }
  let pem = opts.publicKey;
  if (!pem) {
    if (!opts.publicKeyFile)
      throw new Error(`token.algorithm ${algorithm} needs token.publicKeyFile, a PEM file with the issuer's public key`);
    try {
      pem = readFileSync(opts.publicKeyFile, "utf8");
    } catch (err) {
      throw new Error(
        `token.publicKeyFile ${opts.publicKeyFile} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      );
    }
  }
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (err) {
    throw new Error(
      `token.publicKeyFile ${opts.publicKeyFile ?? ""} is not a PEM public key (${(err as Error).message})`.replace("  ", " "),
    );
  }
  const want = algorithm === "RS256" ? "rsa" : "ec";
  if (key.asymmetricKeyType !== want) {
    throw new Error(
      `token.algorithm ${algorithm} needs an ${want.toUpperCase()} public key, token.publicKeyFile holds ${key.asymmetricKeyType}`,
    );
  }
  if (algorithm === "ES256" && key.asymmetricKeyDetails?.namedCurve !== "prime256v1") {
    throw new Error(
      `token.algorithm ES256 needs a P-256 (prime256v1) key, token.publicKeyFile holds ${key.asymmetricKeyDetails?.namedCurve}`,
    );
  }
  return key;
}

/** Verified tokens remembered per node (about 0.5 KB each). */
const VERIFIED_CAP = 20_000;

export class Tokens {
  readonly algorithm: TokenAlgorithm;
  /**
   * The key as a key object, made once: given a string, jsonwebtoken first tries to parse it as a public key on every
   * call, which cost about 0.6 ms per POST /msg (a third of logic's CPU at 1,000 posts/s).
   */
  private readonly key: KeyObject;
  private readonly maxTtlSec: number;
  /**
   * Claims of tokens that passed verify, by the whole token string, until they expire: a reconnect storm signs in
   * again with the tokens just seen (conn picks the logic node by token), and a business service sends one push
   * token with every request; the signature check was a fifth of logic's CPU in both. Oldest out past the cap.
   */
  private readonly verified = new Map<string, Claims>();

  constructor(private readonly opts: TokenOptions) {
    const algorithm = opts.algorithm || "HS256";
    if (!(ALGORITHMS as readonly string[]).includes(algorithm)) {
      throw new Error(`token.algorithm must be one of ${ALGORITHMS.join(", ")}, got "${algorithm}"`);
    }
    this.algorithm = algorithm as TokenAlgorithm;
    this.key = verificationKey(opts, this.algorithm);
    this.maxTtlSec = opts.maxTtlSec ?? 0;
  }

  /** Whether this node can mint tokens: only with the HS256 secret (an RS256/ES256 node holds only the public key). */
  get canSign(): boolean {
    return this.algorithm === "HS256";
  }

  sign(uid: string, scope?: string, ttlSec = this.opts.ttlSec, rooms?: string[]): string {
    if (!uid) throw new RoomcastError(ErrCode.MALFORMED, "uid is empty");
    const uidBytes = Buffer.byteLength(uid, "utf8");
    if (uidBytes > MAX_UID_BYTES)
      throw new RoomcastError(ErrCode.MALFORMED, `uid is ${uidBytes} bytes, over the limit of ${MAX_UID_BYTES}`);
    if (!this.canSign)
      throw new Error(`token.algorithm ${this.algorithm} only verifies: tokens are minted by the issuer that holds the private key`);
    const payload: { uid: string; scope?: string; rooms?: string[] } = { uid };
    if (scope) payload.scope = scope;
    if (rooms) payload.rooms = rooms;
    return jwt.sign(payload, this.key, { algorithm: "HS256", expiresIn: ttlSec });
  }

  /**
   * Returns the claims of a valid token; throws RoomcastError(101) otherwise, with the reason in its message. Only the
   * configured algorithm is accepted (`none` and every other one are refused); `exp` and `iat` have 30 s of leeway.
   */
  verify(token: string): Claims {
    const known = this.verified.get(token);
    if (known) {
      if (Math.floor(Date.now() / 1000) <= known.exp + CLOCK_LEEWAY_SEC) return known;
      this.verified.delete(token); // expired: the full check below says so
    }
    const claims = Object.freeze(this.check(token));
    if (claims.rooms) Object.freeze(claims.rooms);
    if (this.verified.size >= VERIFIED_CAP) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, claims);
    return claims;
  }

  private check(token: string): Claims {
    const bytes = Buffer.byteLength(token ?? "", "utf8");
    if (bytes > MAX_TOKEN_BYTES) throw invalid(`token is ${bytes} bytes, over the limit of ${MAX_TOKEN_BYTES}`);
    let decoded: string | jwt.JwtPayload;
    try {
      decoded = jwt.verify(token, this.key, { algorithms: [this.algorithm], clockTolerance: CLOCK_LEEWAY_SEC });
    } catch (err) {
      throw invalid((err as Error).message, err);
    }
    if (typeof decoded !== "object" || typeof decoded.uid !== "string" || !decoded.uid || typeof decoded.exp !== "number") {
      throw invalid("claims uid and exp are required");
    }
    const uidBytes = Buffer.byteLength(decoded.uid, "utf8");
    if (uidBytes > MAX_UID_BYTES) throw invalid(`uid is ${uidBytes} bytes, over the limit of ${MAX_UID_BYTES}`);
    const scope = typeof decoded.scope === "string" ? decoded.scope : undefined;
    const now = Math.floor(Date.now() / 1000);
    let iat: number | undefined;
    if (decoded.iat !== undefined) {
      if (typeof decoded.iat !== "number") throw invalid("claim iat must be a number");
      if (decoded.iat > now + CLOCK_LEEWAY_SEC) throw invalid("issued in the future (iat)");
      iat = decoded.iat;
    }
    if (this.maxTtlSec > 0 && scope !== PUSH_SCOPE) {
      const lifetime = decoded.exp - (iat ?? now);
      if (lifetime > this.maxTtlSec) {
        throw invalid(
          `lives ${lifetime} s (exp - ${iat === undefined ? "now" : "iat"}), over the limit of ${this.maxTtlSec} s for user tokens`,
        );
      }
    }
    let rooms: string[] | undefined;
    if (decoded.rooms !== undefined) {
      const r: unknown = decoded.rooms;
      if (!Array.isArray(r) || r.some((x) => typeof x !== "string" || !x)) throw invalid("claim rooms must be an array of room names");
      rooms = r as string[];
    }
    return {
      uid: decoded.uid,
      exp: decoded.exp,
      ...(iat !== undefined ? { iat } : {}),
      ...(scope ? { scope } : {}),
      ...(rooms ? { rooms } : {}),
    };
  }

  /** Verifies a token that must carry the push scope (business services). */
  verifyPush(token: string): Claims {
    const claims = this.verify(token);
    if (claims.scope !== PUSH_SCOPE) throw new RoomcastError(ErrCode.INVALID_TOKEN, `token lacks scope "${PUSH_SCOPE}"`);
    return claims;
  }
}

/** Whether a `rooms` claim names `room`: an exact name, or a prefix ending in `*` ("team-*" holds "team-1"; "*" holds all). */
export function roomsClaimAllows(rooms: readonly string[], room: string): boolean {
  return rooms.some((r) => (r.endsWith("*") ? room.startsWith(r.slice(0, -1)) : r === room));
}

/** The personal room of a uid: joinable only by that uid, whatever the room policy or a token's `rooms` claim says. */
export const userRoom = (uid: string): string => `user:${uid}`;

/**
 * Room authorization at sign-in: throws RoomcastError(107) unless `claims` may join `room`. `user:<uid>` only by that
 * uid; a token with `rooms` is held to it; a token without may join any room only where `openRooms` is on.
 */
export function authorizeRoom(claims: { uid: string; rooms?: readonly string[] }, room: string, openRooms: boolean): void {
  if (room.startsWith("user:") && room !== userRoom(claims.uid)) {
    throw new RoomcastError(ErrCode.ROOM_NOT_ALLOWED, `room not allowed: "${room}" is another user's room`);
  }
  if (claims.rooms) {
    if (!roomsClaimAllows(claims.rooms, room)) {
      throw new RoomcastError(ErrCode.ROOM_NOT_ALLOWED, `room not allowed: "${room}" is outside the token's rooms claim`);
    }
    return;
  }
  if (!openRooms) {
    throw new RoomcastError(ErrCode.ROOM_NOT_ALLOWED, "room not allowed: this server requires a token with a rooms claim");
  }
}

/** The token of an Authorization header: "Bearer <jwt>" or the bare jwt. */
export function bearer(header: string | undefined): string {
  if (!header) return "";
  const h = header.trim();
  return /^bearer\s+/i.test(h) ? h.replace(/^bearer\s+/i, "").trim() : h;
}
