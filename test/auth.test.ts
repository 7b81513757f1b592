// Tokens and room authorization on real processes (issue 12, items 2 and 3): RS256/ES256 keys with the algorithm
// pinned, clock leeway, token lifetime and sizes, the rooms claim (107, the socket lives), user:<uid> only for its
// uid, POST /tk minting push only where http.tokenEndpointMintsPush is on.
import { createSecretKey, generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import jwt from "jsonwebtoken";
import { Tokens } from "@roomcast/pkg/token";
import { RoomClient } from "./harness/room_client";
import { startStandalone, TOKEN_SECRET, type Target } from "./harness/roomcast";
import { post } from "./suite/protocol";

const tokens = new Tokens({ secret: TOKEN_SECRET, ttlSec: 600 });
const now = () => Math.floor(Date.now() / 1000);
/** A user token signed with the test secret: rooms when given. */
const userToken = (uid: string, rooms?: string[]) => tokens.sign(uid, undefined, 600, rooms);

const keyDir = mkdtempSync(path.join(tmpdir(), "roomcast-auth-"));
const pem = { type: "spki", format: "pem" } as const;
const pkcs8 = { type: "pkcs8", format: "pem" } as const;
const rsa = generateKeyPairSync("rsa", { modulusLength: 2048, publicKeyEncoding: pem, privateKeyEncoding: pkcs8 });
const ec = generateKeyPairSync("ec", { namedCurve: "prime256v1", publicKeyEncoding: pem, privateKeyEncoding: pkcs8 });
writeFileSync(path.join(keyDir, "rsa.pem"), rsa.publicKey);
writeFileSync(path.join(keyDir, "ec.pem"), ec.publicKey);

/** A standalone whose logic verifies with a public key only (no /tk, so no chat page either). */
const keyed = (algorithm: string, file: string) =>
  startStandalone({
    ROOMCAST_LOGIC_TOKEN_ALGORITHM: algorithm,
    ROOMCAST_LOGIC_TOKEN_PUBLIC_KEY_FILE: path.join(keyDir, file),
    ROOMCAST_LOGIC_HTTP_ENABLE_TOKEN_ENDPOINT: "false",
    ROOMCAST_LOGIC_HTTP_ENABLE_CHAT_PAGE: "false",
  });

let dev: Target;
let closed: Target;
const clients: RoomClient[] = [];
async function connect(t: Target): Promise<RoomClient> {
  const c = await RoomClient.connect(t.wsUrls[0]!);
  clients.push(c);
  return c;
}

beforeAll(async () => {
  // dev: standalone.toml as shipped (open rooms, /tk mints push). closed: rooms closed and /tk without push.
  [dev, closed] = await Promise.all([
    startStandalone(),
    startStandalone({ ROOMCAST_LOGIC_TOKEN_OPEN_ROOMS: "false", ROOMCAST_LOGIC_HTTP_TOKEN_ENDPOINT_MINTS_PUSH: "false" }),
  ]);
}, 90_000);
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});
afterAll(async () => {
  await Promise.all([dev?.stop(), closed?.stop()]);
  rmSync(keyDir, { recursive: true, force: true });
});

describe("room authorization at sign-in", () => {
  it('a token with rooms:["a"] signing into "b" gets 107 and the socket lives: it can then sign in to "a"', async () => {
    const c = await connect(dev);
    const t = userToken("carol", ["a"]);
    expect(await c.signIn(t, "b")).toEqual({ code: 107, msg: 'room not allowed: "b" is outside the token\'s rooms claim' });
    expect(c.open).toBe(true);
    expect(await c.signIn(t, "a")).toEqual({ code: 0, msg: "ok" });
    expect(await c.heartbeat()).toBe("pong");
  }, 20_000);

  it("refused rooms do not count as garbage: 8 refusals in a row leave the socket open (5 malformed frames close it)", async () => {
    const c = await connect(dev);
    for (let i = 0; i < 8; i++) expect((await c.signIn(userToken("dave", ["a"]), `b-${i}`)).code).toBe(107);
    expect(c.open).toBe(true);
    expect((await c.signIn(userToken("dave", ["a"]), "a")).code).toBe(0);
  }, 20_000);

  it('a prefix "team-*" allows "team-1" and not "team"', async () => {
    const c = await connect(dev);
    expect((await c.signIn(userToken("erin", ["team-*"]), "team")).code).toBe(107);
    expect(await c.signIn(userToken("erin", ["team-*"]), "team-1")).toEqual({ code: 0, msg: "ok" });
  }, 20_000);

  it('mallory cannot join user:alice with open rooms nor with rooms:["user:*"]; alice can', async () => {
    const m = await connect(dev);
    expect(await m.signIn(userToken("mallory"), "user:alice")).toEqual({
      code: 107,
      msg: 'room not allowed: "user:alice" is another user\'s room',
    });
    expect((await m.signIn(userToken("mallory", ["user:*"]), "user:alice")).code).toBe(107);
    expect(m.open).toBe(true);
    const a = await connect(dev);
    expect(await a.signIn(userToken("alice"), "user:alice")).toEqual({ code: 0, msg: "ok" });
    // And a push to user:alice reaches alice only.
    expect(
      (
        await post(
          `${dev.httpUrls[0]}/msg`,
          { room_id: "user:alice", msg: "your order shipped" },
          { authorization: tokens.sign("shop", "push") },
        )
      ).status,
    ).toBe(200);
    expect((await a.waitForMessages(1)).map((r) => r.text)).toEqual(["your order shipped"]);
  }, 20_000);

  it("where rooms are closed, a token without rooms gets 107 and the socket lives; one with rooms signs in", async () => {
    const c = await connect(closed);
    expect(await c.signIn(userToken("frank"), "lobby")).toEqual({
      code: 107,
      msg: "room not allowed: this server requires a token with a rooms claim",
    });
    expect(c.open).toBe(true);
    expect((await c.signIn(userToken("frank", ["lobby"]), "lobby")).code).toBe(0);
  }, 20_000);

  it("a push token with rooms is held to them on POST /msg (403)", async () => {
    const push = jwt.sign({ uid: "shop", scope: "push", rooms: ["orders-*"] }, TOKEN_SECRET, { expiresIn: 60 });
    expect(await post(`${dev.httpUrls[0]}/msg`, { room_id: "lobby", msg: "x" }, { authorization: push })).toEqual({
      status: 403,
      json: { code: 0, msg: 'room not allowed: "lobby" is outside the token\'s rooms claim' },
    });
    expect((await post(`${dev.httpUrls[0]}/msg`, { room_id: "orders-1", msg: "x" }, { authorization: push })).status).toBe(200);
  }, 20_000);
});

describe("tokens at sign-in", () => {
  it("a token expired 10 s ago is within the 30 s leeway; 60 s ago it is refused", async () => {
    const c = await connect(dev);
    expect((await c.signIn(jwt.sign({ uid: "u", exp: now() - 60 }, TOKEN_SECRET), "r")).code).toBe(101);
    expect((await c.signIn(jwt.sign({ uid: "u", exp: now() - 10 }, TOKEN_SECRET), "r")).code).toBe(0);
  }, 20_000);

  it("a user token living longer than token.maxTtlSec (86400) is refused with 101 saying so", async () => {
    const c = await connect(dev);
    const r = await c.signIn(jwt.sign({ uid: "u" }, TOKEN_SECRET, { expiresIn: 2 * 86_400 }), "r");
    expect(r).toEqual({
      code: 101,
      msg: "invalid or expired token: lives 172800 s (exp - iat), over the limit of 86400 s for user tokens",
    });
    expect((await c.signIn(jwt.sign({ uid: "u" }, TOKEN_SECRET, { expiresIn: 86_400 }), "r")).code).toBe(0);
  }, 20_000);

  it("a uid over 128 bytes and a token over 8 KiB are refused with 101 saying so", async () => {
    const c = await connect(dev);
    expect((await c.signIn(tokens.sign("u".repeat(128)), "r")).code).toBe(0);
    const d = await connect(dev);
    expect(await d.signIn(jwt.sign({ uid: "u".repeat(129) }, TOKEN_SECRET, { expiresIn: 60 }), "r")).toEqual({
      code: 101,
      msg: "invalid or expired token: uid is 129 bytes, over the limit of 128",
    });
    const big = jwt.sign({ uid: "u", pad: "x".repeat(9000) }, TOKEN_SECRET, { expiresIn: 60 });
    expect(await d.signIn(big, "r")).toEqual({
      code: 101,
      msg: `invalid or expired token: token is ${big.length} bytes, over the limit of 8192`,
    });
    expect(d.open).toBe(true);
  }, 20_000);
});

describe("POST /tk", () => {
  it("mints push where http.tokenEndpointMintsPush is on (dev), and rooms", async () => {
    const r = await post(`${dev.httpUrls[0]}/tk`, { uid: "svc", scope: "push" });
    expect(r.status).toBe(200);
    expect(tokens.verify(r.json.data!).scope).toBe("push");
    const withRooms = await post(`${dev.httpUrls[0]}/tk`, { uid: "gina", rooms: ["a", "team-*"] });
    expect(tokens.verify(withRooms.json.data!).rooms).toEqual(["a", "team-*"]);
  }, 20_000);

  it("does not mint push where the switch is off (403), and still mints user tokens", async () => {
    expect(await post(`${closed.httpUrls[0]}/tk`, { uid: "svc", scope: "push" })).toEqual({
      status: 403,
      json: {
        code: 0,
        msg: 'POST /tk does not mint scope "push" here (http.tokenEndpointMintsPush is off): push tokens come from your own service',
      },
    });
    const r = await post(`${closed.httpUrls[0]}/tk`, { uid: "harry", rooms: ["lobby"] });
    expect(r.status).toBe(200);
    expect(tokens.verify(r.json.data!)).toMatchObject({ uid: "harry", rooms: ["lobby"] });
  }, 20_000);
});

describe("RS256 and ES256 with a public key file, the algorithm pinned", () => {
  it("RS256: an RS256 token signs in and pushes; an HS256 token (also one MACed with the public key) is refused", async () => {
    const t = await keyed("RS256", "rsa.pem");
    try {
      const c = await RoomClient.connect(t.wsUrls[0]!);
      clients.push(c);
      const rs = (claims: object) => jwt.sign(claims, rsa.privateKey, { algorithm: "RS256", expiresIn: 60 });
      expect((await c.signIn(userToken("ivan"), "r")).code).toBe(101);
      const confused = jwt.sign({ uid: "ivan" }, createSecretKey(Buffer.from(rsa.publicKey)), { algorithm: "HS256", expiresIn: 60 });
      expect((await c.signIn(confused, "r")).code).toBe(101);
      expect(await c.signIn(rs({ uid: "ivan" }), "r")).toEqual({ code: 0, msg: "ok" });
      const msg = (authorization: string) => post(`${t.httpUrls[0]}/msg`, { room_id: "r", msg: "hi" }, { authorization });
      expect((await msg(tokens.sign("svc", "push"))).status).toBe(401);
      expect((await msg(rs({ uid: "svc", scope: "push" }))).status).toBe(200);
      expect((await c.waitForMessages(1)).map((m) => m.text)).toEqual(["hi"]);
    } finally {
      await t.stop();
    }
  }, 60_000);

  it("ES256: an ES256 token signs in; RS256 and HS256 tokens are refused", async () => {
    const t = await keyed("ES256", "ec.pem");
    try {
      const c = await RoomClient.connect(t.wsUrls[0]!);
      clients.push(c);
      expect((await c.signIn(jwt.sign({ uid: "judy" }, rsa.privateKey, { algorithm: "RS256", expiresIn: 60 }), "r")).code).toBe(101);
      expect((await c.signIn(userToken("judy"), "r")).code).toBe(101);
      expect(await c.signIn(jwt.sign({ uid: "judy" }, ec.privateKey, { algorithm: "ES256", expiresIn: 60 }), "r")).toEqual({
        code: 0,
        msg: "ok",
      });
    } finally {
      await t.stop();
    }
  }, 60_000);
});
