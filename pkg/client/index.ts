// The client SDK's public surface. Browser-safe: nothing here (or below) imports a Node built-in.
export {
  RoomcastClient,
  type ClientOptions,
  type ClientState,
  type ClientEvents,
  type SendOptions,
  type RecoveryInfo,
  type History,
  type Position,
  type WebSocketLike,
  type WebSocketConstructor,
} from "./client";
export { type RoomHandler } from "./rooms";
export { type Codec, type Presence } from "./wire";
export { Message, MsgLevel, type MessageKind } from "./message";
export { ClientError, ProtocolError, ConnectionError, TimeoutError } from "./errors";
export { type BackoffOptions, defaultBackoff, reconnectDelay } from "./backoff";
export { ErrCode, CloseCode } from "../protocol/codes";
