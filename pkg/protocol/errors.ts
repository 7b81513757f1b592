import { ErrCode, errText } from "./codes";

/**
 * A failure that maps to one protocol error code; `message` is what the client sees. `temporary` says whether the
 * same request may succeed later (logic or the queue unreachable) or will fail the same way (a bad token, a frame
 * too large). Internal code throws it across every tier link; only the gRPC adapters turn it into wire codes.
 */
export class RoomcastError extends Error {
  readonly code: ErrCode;
  readonly temporary: boolean;
  constructor(code: ErrCode, message?: string, options?: { cause?: unknown; temporary?: boolean }) {
    super(message ?? errText[code], options);
    this.name = "RoomcastError";
    this.code = code;
    this.temporary = options?.temporary ?? code === ErrCode.INTERNAL;
  }
}
