import { type ErrCode, errText } from "./codes";

/** A failure that maps to one protocol error code; `msg` is what the client sees. */
export class RoomcastError extends Error {
  readonly code: ErrCode;
  constructor(code: ErrCode, message?: string, options?: { cause?: unknown }) {
    super(message ?? errText[code], options);
    this.name = "RoomcastError";
    this.code = code;
  }
}
