// Error codes of the client protocol (Err.code) and of the HTTP API, as the README documents them.

export const ErrCode = {
  OK: 0,
  SIGN_IN_FIRST: 100,
  INVALID_TOKEN: 101,
  MALFORMED: 102,
  NOT_YOUR_ROOM: 103,
  RATE_LIMITED: 104,
  TOO_LARGE: 105,
  ALREADY_SIGNED_IN: 106,
  /** The token may not join that room: outside its `rooms` claim, someone else's `user:<uid>`, or no claim where rooms are closed. */
  ROOM_NOT_ALLOWED: 107,
  /** The connection's token expired: send REFRESH with a fresh one before the grace ends, or be closed (4001). */
  TOKEN_EXPIRED: 108,
  /** The uid already holds ws.maxConnectionsPerUid signed-in connections on this node: the sign-in is refused, the socket lives. */
  TOO_MANY_CONNECTIONS: 109,
  /** protocol 2: SUBSCRIBE beyond ws.maxRoomsPerConnection; the connection stays in the rooms it has. */
  TOO_MANY_ROOMS: 110,
  /** protocol 2: RECALL of a message the room's history does not hold (never sent, trimmed, or recalled already). */
  NO_SUCH_MESSAGE: 111,
  /** protocol 2: RECALL of a message another uid sent: a client may recall only its own. */
  NOT_YOUR_MESSAGE: 112,
  INTERNAL: 500,
} as const;
export type ErrCode = (typeof ErrCode)[keyof typeof ErrCode];

export const errText: Record<ErrCode, string> = {
  0: "ok",
  100: "sign in first",
  101: "invalid or expired token",
  102: "malformed frame",
  103: "not your room",
  104: "rate limited",
  105: "too large",
  106: "already signed in",
  107: "room not allowed",
  108: "token expired",
  109: "too many connections",
  110: "too many rooms",
  111: "no such message",
  112: "not your message",
  500: "internal error",
};

/** `code` of the HTTP API's JSON replies (seed 001: 0 error, 1 ok, 1001 sign in). */
export const HttpCode = { ERROR: 0, OK: 1, UNAUTHORIZED: 1001 } as const;
export type HttpCode = (typeof HttpCode)[keyof typeof HttpCode];

/** WebSocket close codes conn uses; 4xxx are roomcast's own. */
export const CloseCode = {
  /** Server going away (WebSocket's own code; conn itself drains with DRAINING): reconnect. */
  GOING_AWAY: 1001,
  /** Frame over the transport cap. */
  TOO_BIG: 1009,
  /** No heartbeat within heartbeatTimeout: reconnect. */
  IDLE: 4000,
  /** The token expired and no fresh one came (REFRESH) within the grace: get a new token and reconnect. */
  TOKEN_EXPIRED: 4001,
  /** Too many malformed frames: do not reconnect with the same client. */
  GARBAGE: 4002,
  /** Send buffer stayed over its limit: the client reads too slowly; reconnect. */
  SLOW_CONSUMER: 4003,
  /** The node is draining (stopping): reconnect to any node after a random delay, so its clients do not all come back at once. */
  DRAINING: 4004,
} as const;
