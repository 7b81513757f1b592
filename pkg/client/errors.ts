// The errors the SDK raises, one class per kind of failure, so callers can tell them apart with instanceof.
import { errText, type ErrCode } from "../protocol/codes";

/** Base class of every error the SDK raises or emits. */
export class ClientError extends Error {
  override readonly name: string = "ClientError";
}

/** The server answered Err{code, msg} (or the SDK refused locally for the same reason); `code` is the protocol's code. */
export class ProtocolError extends ClientError {
  override readonly name = "ProtocolError";
  constructor(
    readonly code: ErrCode,
    message?: string,
    /** False when the SDK caught the problem before sending anything. */
    readonly fromServer = true,
    /** The room the refused request named (subscribe, unsubscribe, members), when it named one. */
    readonly room?: string,
  ) {
    super(message || errText[code] || `error ${code}`);
  }
}

/** There was no connection, or it went away before the answer came. */
export class ConnectionError extends ClientError {
  override readonly name = "ConnectionError";
  constructor(
    message: string,
    /** The WebSocket close code, when a close caused this. */
    readonly closeCode?: number,
  ) {
    super(message);
  }
}

/** No answer within the time limit. */
export class TimeoutError extends ClientError {
  override readonly name = "TimeoutError";
  constructor(
    message: string,
    readonly timeoutMs: number,
  ) {
    super(message);
  }
}
