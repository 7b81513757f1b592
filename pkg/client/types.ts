// The SDK's option, state and event types, and the part of the WebSocket API it needs.
import type { BackoffOptions } from "./backoff";
import type { ClientError } from "./errors";
import type { Message } from "./message";
import type { Codec } from "./wire";

/** An event handler property, compared bivariantly: the DOM and `ws` declare richer event types than the SDK reads. */
type Handler<E> = { bivariance(ev: E): void }["bivariance"];

/** The part of the WebSocket API the SDK uses: the browser's WebSocket and the `ws` package both have it. */
export interface WebSocketLike {
  binaryType: string;
  onopen: Handler<unknown> | null;
  onmessage: Handler<{ data: unknown }> | null;
  onclose: Handler<{ code: number; reason: string }> | null;
  onerror: Handler<unknown> | null;
  /** Bytes for protobuf (binary frames), a string for JSON (text frames). */
  send(data: Uint8Array | string): void;
  close(code?: number, reason?: string): void;
}

/** `protocols` is the WebSocket subprotocol list: ["roomcast.json"] with codec "json", left out with "proto". */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocketLike;

export interface ClientOptions {
  /** ws://host:port/room of a conn node, or several: each reconnect attempt moves on to the next one. */
  url: string | readonly string[];
  /**
   * The sign-in token, or a function that returns one; a function is called before every sign-in, so it can renew,
   * and before the token expires, so the connection can go on (REFRESH).
   */
  token: string | (() => string | Promise<string>);
  /** With a token function: send REFRESH this long before the token's `exp` (at most a third of its lifetime before). */
  refreshBeforeMs?: number;
  /** The room to sign in to (1–128 bytes of UTF-8); none signs in to no room (join rooms with subscribe()). */
  room?: string;
  /**
   * "proto" (default): protobuf in binary frames, the seed's protocol. "json": JSON in text frames, asked for with the
   * WebSocket subprotocol roomcast.json (protocol 2). Both carry the same requests and messages.
   */
  codec?: Codec;
  /** The WebSocket class. Defaults to the global one (browsers); in Node 20 pass the `ws` package's. */
  WebSocket?: WebSocketConstructor;
  /** How often to send HEARTBEAT once signed in (the server closes connections silent for 60 s). */
  heartbeatIntervalMs?: number;
  /** A heartbeat not answered within this long means the connection is dead: drop it and reconnect. */
  pongTimeoutMs?: number;
  /** Time for the WebSocket to open and the sign-in to be answered. */
  connectTimeoutMs?: number;
  /** Time limit of members(), subscribe() and unsubscribe(). */
  requestTimeoutMs?: number;
  /** Largest message send() accepts; the server's default limit. */
  maxMessageBytes?: number;
  /**
   * Messages of rooms the server has configured as acked (Message.needsAck) are acknowledged by the SDK once the
   * `message` listeners returned (default). false: the app acknowledges each with ack(message) when it has handled it;
   * until then the server sends it again, and keeps it for the user's next connection.
   */
  autoAck?: boolean;
  /** Reconnect delays, or false to stay disconnected after the first loss. */
  reconnect?: Partial<BackoffOptions> | false;
}

/** send()'s options. */
export interface SendOptions {
  /** The room to send to; default the sign-in room. The client must be in it (sign-in or subscribe()). */
  room?: string;
  /** The message's type (0–64 bytes of UTF-8), delivered beside it as Message.type. */
  type?: string;
}

/** The `recovery` event: one room's recovery after a reconnect. */
export interface RecoveryInfo {
  room: string;
  recovered: boolean;
  /** "" when recovered. */
  reason: string;
  /** Messages the recovery delivered. */
  missed: number;
}

/**
 * idle: not started · connecting: an attempt is under way or scheduled · connected: signed in ·
 * closed: close() was called, or the server refused in a way retrying cannot fix.
 */
export type ClientState = "idle" | "connecting" | "connected" | "closed";

export interface ClientEvents {
  state: (state: ClientState, previous: ClientState) => void;
  /** Signed in; `reconnects` counts the failed attempts before this success. */
  connected: (info: { url: string; reconnects: number }) => void;
  /** A signed-in connection was lost. */
  disconnected: (info: { url: string; code: number; reason: string }) => void;
  /** The next attempt is scheduled. */
  reconnecting: (info: { attempt: number; delayMs: number; url: string }) => void;
  /** Every message of every room, pushes to the user, the connection and everyone included. */
  message: (message: Message) => void;
  /**
   * Err replies after sign-in (103, 104, 105 …), refused sign-ins, undecodable frames, and rooms a reconnect could not
   * join again (a ProtocolError with `room`; the client has left that room). The client carries on unless `closed` follows.
   */
  error: (error: ClientError) => void;
  /**
   * protocol 2, a room that keeps history: after a reconnect, how its recovery went. `recovered`: every message
   * missed meanwhile arrived (as `message` events, in order, before this one) and live ones follow with none lost or
   * twice. Otherwise `reason` says why not ("epoch" the room's history began again, "trimmed" it no longer holds
   * them, "limit" too many were missed, "unavailable" the store is down): reload the room, e.g. with history().
   */
  recovery: (info: RecoveryInfo) => void;
  /** Final: no more attempts. `error` says why when it was not close(). */
  closed: (info: { error?: ClientError }) => void;
}
