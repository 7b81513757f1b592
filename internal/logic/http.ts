// logic's HTTP API: POST /msg for business services, POST /tk for tests and demos (docs/design.md, "HTTP API").
import * as http from "node:http";
import { ErrCode, HttpCode, MAX_ROOM_ID_BYTES, MAX_TYPE_BYTES, RoomcastError } from "@roomcast/pkg/protocol";
import { MAX_UID_BYTES, PUSH_SCOPE, bearer, roomsClaimAllows, type Claims, type Tokens } from "@roomcast/pkg/token";
import { listenHttp } from "@roomcast/pkg/lifecycle";
import type { Logger } from "@roomcast/pkg/log";
import type { Registry } from "@roomcast/pkg/metrics";
import { targetRoom, type LogicService, type PushTarget } from "./logic";
import type { ChatPage } from "./chat_page";
import { RateLimiter } from "./rate_limit";
import { readPage, type History, type StoredMessage } from "@roomcast/pkg/history";

export interface HttpDeps {
  logic: LogicService;
  tokens: Tokens;
  log: Logger;
  registry: Registry;
  enableTokenEndpoint: boolean;
  /** POST /tk may mint scope "push" (http.tokenEndpointMintsPush): dev only. */
  tokenEndpointMintsPush: boolean;
  maxBodyBytes: number;
  /** A request whose headers have not all arrived after this long is answered 408 and closed (Node's headersTimeout). */
  headersTimeoutMs: number;
  /** A request not received in full after this long is answered 408 and closed (Node's requestTimeout). */
  requestTimeoutMs: number;
  /** POST /msg per token uid (shared with the gRPC Push API); over it, 429. */
  msgPerSecPerUid: number;
  msgRate: RateLimiter;
  /** ws:// URLs of the conn nodes clients may connect to, for GET /nodes. */
  connUrls: () => string[];
  /** The demo chat page at GET /, when enabled. */
  chatPage?: ChatPage;
  /** Room history for GET /history (absent: every room answers reason "none"), and its page cap. */
  history?: History;
  maxPage: number;
}

interface Reply {
  status: number;
  body: Record<string, unknown>;
  /** Further headers of a JSON reply. */
  headers?: Record<string, string>;
  /** A body other than JSON (the chat page), with its content type and any further headers. */
  raw?: { body: string; contentType: string; headers?: Record<string, string> };
}

/**
 * The chat page's Content-Security-Policy: its own script and style only (no inline script, no eval), fetches to logic
 * itself, WebSockets only to the origins of the conn nodes GET /nodes lists, and no framing.
 */
export function chatPageCsp(connUrls: string[]): string {
  const origins = new Set<string>();
  for (const u of connUrls) {
    try {
      const url = new URL(u);
      if (url.protocol === "ws:" || url.protocol === "wss:") origins.add(`${url.protocol}//${url.host}`);
    } catch {
      // not a URL: not allowed
    }
  }
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${["'self'", ...origins].join(" ")}`,
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

const ok = (extra: Record<string, unknown> = {}): Reply => ({ status: 200, body: { code: HttpCode.OK, msg: "", ...extra } });
const fail = (status: number, msg: string, code: number = HttpCode.ERROR): Reply => ({ status, body: { code, msg } });

/** HTTP status of a RoomcastError from the service. */
function statusOf(err: RoomcastError): number {
  switch (err.code) {
    case ErrCode.TOO_LARGE:
      return 413;
    case ErrCode.INTERNAL:
      return 503;
    case ErrCode.INVALID_TOKEN:
      return 401;
    case ErrCode.ROOM_NOT_ALLOWED:
      return 403;
    default:
      return 400;
  }
}

/**
 * The one target a POST /msg body names, or what is wrong with it. Room names and ids are taken exactly as given:
 * nothing is trimmed or normalised, here, over WebSocket or in the CLI.
 */
function pushTarget(json: Record<string, unknown>): PushTarget | string {
  const named = ["room_id", "user", "conn", "broadcast"].filter((k) => json[k] !== undefined);
  if (named.length !== 1) return "name one target: room_id, user, conn or broadcast";
  const { room_id: roomID, user, conn, broadcast } = json;
  if (broadcast !== undefined) return broadcast === true ? { broadcast: true } : "broadcast must be true";
  const [key, value] = roomID !== undefined ? ["room_id", roomID] : user !== undefined ? ["user", user] : ["conn", conn];
  if (typeof value !== "string" || !value) return `${key} must be a non-empty string`;
  const room = key === "room_id" ? value : `${key}:${value}`;
  const bytes = Buffer.byteLength(room, "utf8");
  if (bytes > MAX_ROOM_ID_BYTES)
    return `${key === "room_id" ? "room_id" : `the room ${key}:<id>`} must be 1-${MAX_ROOM_ID_BYTES} bytes of UTF-8, got ${bytes}`;
  return key === "room_id" ? { room: value } : key === "user" ? { user: value } : { conn: value };
}

/** A push token with a rooms claim may push to those rooms, and broadcast only when its claim has "*". */
function pushAllowed(rooms: readonly string[], room: string): boolean {
  return room === "" ? rooms.includes("*") : roomsClaimAllows(rooms, room);
}

class BodyTooLarge extends Error {}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new BodyTooLarge());
        req.resume();
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** The first key of `json` that is not one of `known`: a typo or a field the API does not have is refused, not ignored. */
function unknownKey(json: Record<string, unknown>, known: readonly string[]): string | undefined {
  return Object.keys(json).find((k) => !known.includes(k));
}

function parseJson(body: Buffer): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(body.toString("utf8"));
    return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** A stored message in GET /history: its text when it is UTF-8, else its bytes in base64 (data). */
function storedJson(m: StoredMessage): Record<string, unknown> {
  let body: Record<string, string>;
  try {
    body = { text: strictUtf8.decode(m.data) };
  } catch {
    body = { data: Buffer.from(m.data).toString("base64") };
  }
  return { offset: m.offset, id: m.id, type: m.type, level: m.level === 1 ? "IMPORTANT" : "NORMAL", ...body, ts: m.ts, uid: m.uid };
}

export class LogicHttp {
  private readonly server: http.Server;
  private readonly msgRate: RateLimiter;

  constructor(private readonly deps: HttpDeps) {
    this.msgRate = deps.msgRate;
    if (deps.requestTimeoutMs > 0 && deps.headersTimeoutMs > deps.requestTimeoutMs)
      throw new Error(`http.headersTimeoutMs (${deps.headersTimeoutMs}) must not be over http.requestTimeoutMs (${deps.requestTimeoutMs})`);
    // Node enforces headersTimeout and requestTimeout when it checks its connections, every connectionsCheckingInterval.
    const checkMs = Math.max(100, Math.min(1_000, Math.floor(Math.min(deps.headersTimeoutMs, deps.requestTimeoutMs || Infinity) / 4)));
    const opts = { headersTimeout: deps.headersTimeoutMs, requestTimeout: deps.requestTimeoutMs, connectionsCheckingInterval: checkMs };
    this.server = http.createServer(opts, (req, res) => {
      this.route(req)
        .catch((err: unknown) => {
          deps.log.error({ err, url: req.url }, "http handler failed");
          return fail(500, "internal error");
        })
        .then((r) => {
          if (res.headersSent) return;
          // Answered before the body was read (401, 429): the rest of it is not waited for, the connection closes.
          if (!req.complete) res.setHeader("connection", "close");
          if (r.raw) {
            res.writeHead(r.status, { ...r.raw.headers, "content-type": r.raw.contentType });
            res.end(r.raw.body);
          } else {
            res.writeHead(r.status, { ...r.headers, "content-type": "application/json" });
            res.end(JSON.stringify(r.body));
          }
        });
    });
    this.server.keepAliveTimeout = 65_000;
  }

  listen(port: number, host = "0.0.0.0"): Promise<number> {
    this.deps.chatPage?.warm();
    return listenHttp(this.server, host, port, "the HTTP API", "[http] port (ROOMCAST_LOGIC_HTTP_PORT)");
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeIdleConnections();
    });
  }

  private async route(req: http.IncomingMessage): Promise<Reply> {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && path === "/nodes") return ok({ data: { nodes: this.deps.connUrls() } });
    if (path === "/history") {
      if (req.method !== "GET") return fail(405, "/history takes GET");
      const admitted = this.admitMsg(req);
      return "status" in admitted ? admitted : this.getHistory(admitted, new URL(req.url ?? "/", "http://x").searchParams);
    }
    if (req.method === "GET" && this.deps.chatPage) {
      const asset = await this.deps.chatPage.asset(path);
      if (asset) {
        const headers = { "content-security-policy": chatPageCsp(this.deps.connUrls()), "x-content-type-options": "nosniff" };
        return { status: 200, body: {}, raw: { ...asset, headers } };
      }
    }
    if (path !== "/msg" && path !== "/tk" && path !== "/recall") return fail(404, `no route ${path}`);
    if (req.method !== "POST") return fail(405, `${path} takes POST`);
    if (path === "/tk" && !this.deps.enableTokenEndpoint) return fail(404, "the token endpoint is disabled");
    let claims: Claims | undefined;
    if (path !== "/tk") {
      const admitted = this.admitMsg(req);
      if ("status" in admitted) return admitted;
      claims = admitted;
    }
    let body: Buffer;
    try {
      body = await readBody(req, this.deps.maxBodyBytes);
    } catch (err) {
      if (err instanceof BodyTooLarge) return fail(413, `body over ${this.deps.maxBodyBytes} bytes`);
      throw err;
    }
    if (!claims) return this.postToken(body);
    return path === "/msg" ? this.postMsg(claims, body) : this.postRecall(claims, body);
  }

  /**
   * POST /recall {room_id, id} (protocol 2): withdraws a message: it leaves the room's history and the room gets the
   * event "$recall". data.found says whether history still held it; the event goes out either way.
   */
  private async postRecall(claims: Claims, body: Buffer): Promise<Reply> {
    const json = parseJson(body);
    if (!json) return fail(400, 'body must be a JSON object {"room_id": "...", "id": "..."}');
    const extra = unknownKey(json, ["room_id", "id"]);
    if (extra !== undefined) return fail(400, `unknown key "${extra}": the body takes room_id and id`);
    const { room_id: room, id } = json;
    if (typeof room !== "string" || !room) return fail(400, "room_id must be a non-empty string");
    if (typeof id !== "string" || !id) return fail(400, "id must be a non-empty string");
    if (claims.rooms && !roomsClaimAllows(claims.rooms, room))
      return fail(403, `room not allowed: "${room}" is outside the token's rooms claim`);
    try {
      return ok({ data: await this.deps.logic.recall(room, id) });
    } catch (err) {
      if (!(err instanceof RoomcastError)) throw err;
      return fail(statusOf(err), err.message);
    }
  }

  /**
   * GET /history?room_id=…[&limit=N][&epoch=E&offset=O] (protocol 2): the room's newest messages, or those after a
   * position, at most history.maxPage; data.reason says why there are none ("epoch", "trimmed", "future", "none",
   * "unavailable").
   */
  private async getHistory(claims: Claims, q: URLSearchParams): Promise<Reply> {
    const extra = [...q.keys()].find((k) => !["room_id", "limit", "epoch", "offset"].includes(k));
    if (extra !== undefined) return fail(400, `unknown parameter "${extra}": /history takes room_id, limit, epoch and offset`);
    const room = q.get("room_id") ?? "";
    if (!room || Buffer.byteLength(room, "utf8") > MAX_ROOM_ID_BYTES)
      return fail(400, `room_id must be 1-${MAX_ROOM_ID_BYTES} bytes of UTF-8`);
    if (claims.rooms && !roomsClaimAllows(claims.rooms, room))
      return fail(403, `room not allowed: "${room}" is outside the token's rooms claim`);
    const whole = (name: string) => {
      const v = q.get(name);
      return v === null ? 0 : /^\d{1,15}$/.test(v) ? Number(v) : undefined;
    };
    const [limit, offset] = [whole("limit"), whole("offset")];
    if (limit === undefined || offset === undefined) return fail(400, "limit and offset must be whole numbers");
    const epoch = q.get("epoch");
    if ((epoch === null) !== (q.get("offset") === null)) return fail(400, "epoch and offset go together: the position to page from");
    const since = epoch === null ? undefined : { epoch, offset };
    const p = await readPage(this.deps.history, { room, limit, ...(since ? { since } : {}) }, this.deps.maxPage);
    return ok({ data: { room_id: room, ...p, messages: p.messages.map(storedJson) } });
  }

  /**
   * POST /msg once admitted: `claims` are the push token's, verified by admitMsg. The body names one target: room_id
   * (seed 001), or (protocol 2) user, conn or broadcast; msg, and optionally its type. A protocol-2 request's answer
   * carries data.connections (see LogicService.connections); a seed-001 request's answer stays {"code":1,"msg":""}.
   */
  private async postMsg(claims: Claims, body: Buffer): Promise<Reply> {
    const json = parseJson(body);
    if (!json) return fail(400, 'body must be a JSON object {"room_id": "...", "msg": "..."}');
    const extra = unknownKey(json, ["room_id", "user", "conn", "broadcast", "msg", "type"]);
    if (extra !== undefined) return fail(400, `unknown key "${extra}": the body takes room_id, user, conn or broadcast, msg and type`);
    const to = pushTarget(json);
    if (typeof to === "string") return fail(400, to);
    const { msg, type } = json;
    if (typeof msg !== "string") return fail(400, "msg must be a string");
    if (type !== undefined && (typeof type !== "string" || Buffer.byteLength(type, "utf8") > MAX_TYPE_BYTES))
      return fail(400, `type must be a string of 0-${MAX_TYPE_BYTES} bytes`);
    // A push token that carries rooms is held to them, like a client's at sign-in.
    const room = targetRoom(to);
    if (claims.rooms && !pushAllowed(claims.rooms, room))
      return fail(403, `room not allowed: "${room || "broadcast"}" is outside the token's rooms claim`);
    let connections: number;
    let id: string;
    try {
      ({ connections, id } = await this.deps.logic.push(to, Buffer.from(msg, "utf8"), type ?? ""));
    } catch (err) {
      if (!(err instanceof RoomcastError)) throw err;
      const r = fail(statusOf(err), err.message);
      // 503: the queue refused, was away or did not acknowledge within queue.publishTimeoutMs; worth a retry soon.
      if (r.status === 503) r.headers = { "retry-after": "1" };
      return r;
    }
    return "room" in to && type === undefined ? ok() : ok({ data: { connections, id } });
  }

  /**
   * POST /msg before a byte of its body is read: a missing or invalid token gets 401 at once, a uid over its rate 429
   * (so neither can make logic read a body). Answers the token's claims, which postMsg checks against the body.
   */
  private admitMsg(req: http.IncomingMessage): Reply | Claims {
    const token = bearer(req.headers.authorization);
    if (!token) return fail(401, "missing Authorization token", HttpCode.UNAUTHORIZED);
    let claims: Claims;
    try {
      claims = this.deps.tokens.verifyPush(token);
    } catch (err) {
      return fail(401, (err as Error).message, HttpCode.UNAUTHORIZED);
    }
    if (!this.msgRate.take(claims.uid))
      return fail(429, `rate limited: uid "${claims.uid}" is over ${this.deps.msgPerSecPerUid} POST /msg per second`);
    return claims;
  }

  private postToken(body: Buffer): Reply {
    const json = parseJson(body);
    if (!json) return fail(400, 'body must be a JSON object {"uid": "..."}');
    const extra = unknownKey(json, ["uid", "scope", "rooms"]);
    if (extra !== undefined) return fail(400, `unknown key "${extra}": the body takes uid, scope and rooms`);
    const { uid, scope, rooms } = json;
    if (typeof uid !== "string" || !uid) return fail(400, "uid must be a non-empty string");
    const uidBytes = Buffer.byteLength(uid, "utf8");
    if (uidBytes > MAX_UID_BYTES) return fail(400, `uid must be 1-${MAX_UID_BYTES} bytes of UTF-8, got ${uidBytes}`);
    if (scope !== undefined && typeof scope !== "string") return fail(400, "scope must be a string");
    if (scope === PUSH_SCOPE && !this.deps.tokenEndpointMintsPush)
      return fail(
        403,
        `POST /tk does not mint scope "${PUSH_SCOPE}" here (http.tokenEndpointMintsPush is off): push tokens come from your own service`,
      );
    if (rooms !== undefined && (!Array.isArray(rooms) || rooms.some((r) => typeof r !== "string" || !r)))
      return fail(400, 'rooms must be an array of room names (a name ending in "*" is a prefix)');
    return ok({ data: this.deps.tokens.sign(uid, scope, undefined, rooms as string[] | undefined) });
  }
}
