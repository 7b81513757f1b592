import { createSecretKey, generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import jwt from "jsonwebtoken";
import { Tokens, bearer, PUSH_SCOPE, authorizeRoom, roomsClaimAllows } from "./token";
import { thrownCode as codeOf } from "../protocol/testing";
import { RoomcastError } from "../protocol/errors";

const tokens = new Tokens({ secret: "test-secret", ttlSec: 60 });

describe("token", () => {
  it("a signed token verifies and carries uid and scope", () => {
    const claims = tokens.verify(tokens.sign("alice", PUSH_SCOPE));
    expect(claims.uid).toBe("alice");
    expect(claims.scope).toBe("push");
    expect(claims.exp).toBeGreaterThan(Date.now() / 1000);
  });

  it("an expired token (beyond the 30 s leeway) is refused with 101", () => {
    const t = jwt.sign({ uid: "a", exp: Math.floor(Date.now() / 1000) - 60 }, "test-secret", { algorithm: "HS256" });
    expect(codeOf(() => tokens.verify(t))).toBe(101);
  });

  it("a token signed with another key is refused with 101", () => {
    const t = new Tokens({ secret: "other", ttlSec: 60 }).sign("a");
    expect(codeOf(() => tokens.verify(t))).toBe(101);
  });

  it("an alg:none token is refused with 101", () => {
    const t = jwt.sign({ uid: "a" }, "", { algorithm: "none", expiresIn: 60 });
    expect(t.split(".")[2]).toBe("");
    expect(codeOf(() => tokens.verify(t))).toBe(101);
  });

  it("an HS512 token with the right secret is refused: the algorithm is pinned", () => {
    const t = jwt.sign({ uid: "a" }, "test-secret", { algorithm: "HS512", expiresIn: 60 });
    expect(codeOf(() => tokens.verify(t))).toBe(101);
  });

  it("a token without uid or exp is refused", () => {
    expect(codeOf(() => tokens.verify(jwt.sign({ foo: 1 }, "test-secret", { expiresIn: 60 })))).toBe(101);
    expect(codeOf(() => tokens.verify(jwt.sign({ uid: "a" }, "test-secret")))).toBe(101);
  });

  it("garbage is refused with 101", () => {
    expect(codeOf(() => tokens.verify("not.a.jwt"))).toBe(101);
    expect(codeOf(() => tokens.verify(""))).toBe(101);
  });

  it("verifyPush requires the push scope", () => {
    expect(codeOf(() => tokens.verifyPush(tokens.sign("svc")))).toBe(101);
    expect(tokens.verifyPush(tokens.sign("svc", "push")).uid).toBe("svc");
  });

  it("bearer() accepts the header with and without the word Bearer", () => {
    expect(bearer("Bearer abc")).toBe("abc");
    expect(bearer("bearer  abc ")).toBe("abc");
    expect(bearer("abc")).toBe("abc");
    expect(bearer(undefined)).toBe("");
  });
});

const now = () => Math.floor(Date.now() / 1000);
const pem = { type: "spki", format: "pem" } as const;
const privPem = { type: "pkcs8", format: "pem" } as const;
const rsa = generateKeyPairSync("rsa", { modulusLength: 2048, publicKeyEncoding: pem, privateKeyEncoding: privPem });
const ec = generateKeyPairSync("ec", { namedCurve: "prime256v1", publicKeyEncoding: pem, privateKeyEncoding: privPem });
const keyDir = mkdtempSync(path.join(tmpdir(), "roomcast-token-"));
writeFileSync(path.join(keyDir, "rsa.pem"), rsa.publicKey);
writeFileSync(path.join(keyDir, "ec.pem"), ec.publicKey);
const rs256 = new Tokens({ secret: "", ttlSec: 60, algorithm: "RS256", publicKeyFile: path.join(keyDir, "rsa.pem") });
const es256 = new Tokens({ secret: "", ttlSec: 60, algorithm: "ES256", publicKeyFile: path.join(keyDir, "ec.pem") });

/** The message of the RoomcastError `fn` throws. */
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof RoomcastError) return `${err.code} ${err.message}`;
    throw err;
  }
  throw new Error("not refused");
}

describe("token: RS256 and ES256 with a public key, the algorithm pinned per key", () => {
  it("an RS256 token signed with the issuer's private key verifies against its public key file", () => {
    const t = jwt.sign({ uid: "alice", rooms: ["a"] }, rsa.privateKey, { algorithm: "RS256", expiresIn: 60 });
    expect(rs256.verify(t)).toMatchObject({ uid: "alice", rooms: ["a"] });
  });

  it("an ES256 token verifies against a P-256 public key file", () => {
    const t = jwt.sign({ uid: "bob", scope: "push" }, ec.privateKey, { algorithm: "ES256", expiresIn: 60 });
    expect(es256.verify(t)).toMatchObject({ uid: "bob", scope: "push" });
    expect(es256.verifyPush(t).uid).toBe("bob");
  });

  it("an HS256 token presented to an RS256 key is refused, also one MACed with the public key's PEM", () => {
    const confused = jwt.sign({ uid: "mallory" }, createSecretKey(Buffer.from(rsa.publicKey)), { algorithm: "HS256", expiresIn: 60 });
    expect(rs256.verify(jwt.sign({ uid: "mallory" }, rsa.privateKey, { algorithm: "RS256", expiresIn: 60 })).uid).toBe("mallory");
    expect(codeOf(() => rs256.verify(confused))).toBe(101);
    expect(codeOf(() => rs256.verify(tokens.sign("mallory")))).toBe(101);
  });

  it("an ES256 token to an RS256 key, an RS256 token to an HS256 secret, and alg:none are refused", () => {
    expect(codeOf(() => rs256.verify(jwt.sign({ uid: "a" }, ec.privateKey, { algorithm: "ES256", expiresIn: 60 })))).toBe(101);
    expect(es256.verify(jwt.sign({ uid: "a" }, ec.privateKey, { algorithm: "ES256", expiresIn: 60 })).uid).toBe("a");
    expect(codeOf(() => tokens.verify(jwt.sign({ uid: "a" }, rsa.privateKey, { algorithm: "RS256", expiresIn: 60 })))).toBe(101);
    expect(codeOf(() => es256.verify(jwt.sign({ uid: "a" }, "", { algorithm: "none", expiresIn: 60 })))).toBe(101);
  });

  it("a token signed by another key pair is refused", () => {
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 });
    expect(rs256.verify(jwt.sign({ uid: "a" }, rsa.privateKey, { algorithm: "RS256", expiresIn: 60 })).uid).toBe("a");
    expect(codeOf(() => rs256.verify(jwt.sign({ uid: "a" }, other.privateKey, { algorithm: "RS256", expiresIn: 60 })))).toBe(101);
  });

  it("a key that does not fit the algorithm, a missing file, or an unknown algorithm stops construction with the setting's name", () => {
    const mk = (o: Partial<ConstructorParameters<typeof Tokens>[0]>) => () => new Tokens({ secret: "", ttlSec: 60, ...o });
    expect(mk({ algorithm: "RS256" })).toThrow(/token.publicKeyFile/);
    expect(mk({ algorithm: "RS256", publicKeyFile: path.join(keyDir, "nope.pem") })).toThrow(/nope.pem cannot be read \(ENOENT\)/);
    expect(mk({ algorithm: "RS256", publicKeyFile: path.join(keyDir, "ec.pem") })).toThrow(/needs an RSA public key/);
    expect(mk({ algorithm: "ES256", publicKeyFile: path.join(keyDir, "rsa.pem") })).toThrow(/needs an EC public key/);
    expect(mk({ algorithm: "HS512", secret: "x" })).toThrow(/token.algorithm must be one of HS256, RS256, ES256/);
  });

  it("an RS256 node cannot mint tokens (it holds only the public key)", () => {
    expect(rs256.canSign).toBe(false);
    expect(tokens.canSign).toBe(true);
    expect(() => rs256.sign("a")).toThrow(/only verifies/);
  });
});

describe("token: clock leeway, lifetime and sizes", () => {
  it("a token expired 40 s ago is refused; one expired 10 s ago is within the 30 s leeway", () => {
    expect(codeOf(() => tokens.verify(jwt.sign({ uid: "a", exp: now() - 40 }, "test-secret")))).toBe(101);
    expect(tokens.verify(jwt.sign({ uid: "a", exp: now() - 10 }, "test-secret")).uid).toBe("a");
  });

  it("a verified token is remembered only until it expires: once past the leeway it is refused like any other", () => {
    const t = new Tokens({ secret: "test-secret", ttlSec: 60 });
    const token = t.sign("a", undefined, 5);
    expect(t.verify(token).uid).toBe("a");
    jest.useFakeTimers({ now: Date.now() + 40_000 });
    try {
      expect(refusal(() => t.verify(token))).toMatch(/^101 .*jwt expired/);
    } finally {
      jest.useRealTimers();
    }
  });

  it("a token differing by one character from a remembered one is checked in full and refused", () => {
    const t = new Tokens({ secret: "test-secret", ttlSec: 60 });
    const token = t.sign("a");
    expect(t.verify(token).uid).toBe("a");
    const last = token.at(-1) === "A" ? "B" : "A";
    expect(codeOf(() => t.verify(token.slice(0, -1) + last))).toBe(101);
    expect(t.verify(token).uid).toBe("a");
  });

  it("a token issued more than 30 s in the future is refused", () => {
    const t = jwt.sign({ uid: "a", iat: now() + 120, exp: now() + 180 }, "test-secret");
    expect(refusal(() => tokens.verify(t))).toMatch(/^101 .*issued in the future/);
    expect(tokens.verify(jwt.sign({ uid: "a", iat: now() + 10, exp: now() + 60 }, "test-secret")).iat).toBeGreaterThan(now());
  });

  it("a user token living longer than maxTtlSec is refused (exp - iat, or exp - now without iat); push tokens are not held to it", () => {
    const t = new Tokens({ secret: "test-secret", ttlSec: 60, maxTtlSec: 3600 });
    expect(refusal(() => t.verify(jwt.sign({ uid: "a" }, "test-secret", { expiresIn: 7200 })))).toMatch(
      /^101 .*lives 7200 s \(exp - iat\), over the limit of 3600 s/,
    );
    expect(refusal(() => t.verify(jwt.sign({ uid: "a", exp: now() + 7200 }, "test-secret", { noTimestamp: true })))).toMatch(
      /^101 .*\(exp - now\), over the limit of 3600 s/,
    );
    // An old iat does not make a long-lived token acceptable: exp - iat counts the whole lifetime.
    expect(codeOf(() => t.verify(jwt.sign({ uid: "a", iat: now() - 3000, exp: now() + 1000 }, "test-secret")))).toBe(101);
    expect(t.verify(jwt.sign({ uid: "a" }, "test-secret", { expiresIn: 3600 })).uid).toBe("a");
    expect(t.verify(jwt.sign({ uid: "svc", scope: "push" }, "test-secret", { expiresIn: 7200 })).uid).toBe("svc");
  });

  it("a uid over 128 bytes is refused with 101 and says so; 128 bytes is fine", () => {
    expect(refusal(() => tokens.verify(jwt.sign({ uid: "é".repeat(65) }, "test-secret", { expiresIn: 60 })))).toMatch(
      /^101 .*uid is 130 bytes, over the limit of 128/,
    );
    expect(tokens.verify(jwt.sign({ uid: "u".repeat(128) }, "test-secret", { expiresIn: 60 })).uid).toHaveLength(128);
    expect(codeOf(() => tokens.sign("u".repeat(129)))).toBe(102);
  });

  it("a token over 8 KiB is refused with 101 before it is parsed", () => {
    const big = jwt.sign({ uid: "a", pad: "x".repeat(8192) }, "test-secret", { expiresIn: 60 });
    expect(refusal(() => tokens.verify(big))).toMatch(/^101 .*token is \d+ bytes, over the limit of 8192/);
  });
});

describe("token: the rooms claim and room authorization", () => {
  it("rooms is carried when minted and read back; a rooms claim that is not an array of names is refused", () => {
    expect(tokens.verify(tokens.sign("a", undefined, 60, ["lobby", "team-*"])).rooms).toEqual(["lobby", "team-*"]);
    expect(tokens.verify(tokens.sign("a")).rooms).toBeUndefined();
    expect(codeOf(() => tokens.verify(jwt.sign({ uid: "a", rooms: "lobby" }, "test-secret", { expiresIn: 60 })))).toBe(101);
    expect(codeOf(() => tokens.verify(jwt.sign({ uid: "a", rooms: [1] }, "test-secret", { expiresIn: 60 })))).toBe(101);
  });

  it("exact names and prefixes ending in *", () => {
    expect(roomsClaimAllows(["a"], "a")).toBe(true);
    expect(roomsClaimAllows(["a"], "ab")).toBe(false);
    expect(roomsClaimAllows(["team-*"], "team-1")).toBe(true);
    expect(roomsClaimAllows(["team-*"], "team")).toBe(false);
    expect(roomsClaimAllows(["*"], "anything")).toBe(true);
    expect(roomsClaimAllows([], "a")).toBe(false);
  });

  it("a token with rooms is held to it whether rooms are open or not", () => {
    for (const open of [true, false]) {
      expect(codeOf(() => authorizeRoom({ uid: "a", rooms: ["a"] }, "b", open))).toBe(107);
      expect(codeOf(() => authorizeRoom({ uid: "a", rooms: ["a"] }, "a", open))).toBeUndefined();
    }
  });

  it("a token without rooms joins any room only where rooms are open", () => {
    expect(codeOf(() => authorizeRoom({ uid: "a" }, "b", true))).toBeUndefined();
    expect(refusal(() => authorizeRoom({ uid: "a" }, "b", false))).toMatch(/^107 room not allowed: .*rooms claim/);
  });

  it('user:<uid> is only ever that uid\'s, with open rooms and with rooms:["user:*"]', () => {
    for (const claims of [{ uid: "mallory" }, { uid: "mallory", rooms: ["user:*"] }, { uid: "mallory", rooms: ["*"] }]) {
      expect(codeOf(() => authorizeRoom(claims, "user:alice", true))).toBe(107);
    }
    expect(codeOf(() => authorizeRoom({ uid: "alice" }, "user:alice", true))).toBeUndefined();
    expect(codeOf(() => authorizeRoom({ uid: "alice", rooms: ["user:*"] }, "user:alice", false))).toBeUndefined();
  });
});
