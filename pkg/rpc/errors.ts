// The one place where RoomcastErrors cross the wire: a reply carries {code, msg}, and a call that failed on the
// transport (unreachable, deadline, stream cut) becomes a temporary RoomcastError on the caller's side.
import * as grpc from "@grpc/grpc-js";
import { ErrCode } from "../protocol/codes";
import { RoomcastError } from "../protocol/errors";

export interface WireResult {
  code: number;
  msg: string;
}

export const OK_RESULT: WireResult = { code: ErrCode.OK, msg: "ok" };

/** What a reply carries for a refusal. Anything but a RoomcastError is a bug, not a refusal: it is thrown on. */
export function toWire(err: unknown): WireResult {
  if (err instanceof RoomcastError) return { code: err.code, msg: err.message };
  throw err;
}

/** The refusal a reply carries, or undefined for code 0. */
export function fromWire(r: WireResult): RoomcastError | undefined {
  if (r.code === ErrCode.OK) return undefined;
  return new RoomcastError(r.code as ErrCode, r.msg);
}

/** The status of a failed gRPC call or stream request, if it has one. */
export const statusOf = (err: unknown): grpc.status | undefined => (err as { code?: grpc.status } | undefined)?.code;

/** A call that did not get an answer, as the caller sees it: temporary, with what failed and why as its cause. */
export function unreachable(what: string, err: unknown): RoomcastError {
  if (err instanceof RoomcastError) return err;
  return new RoomcastError(ErrCode.INTERNAL, `${what} unavailable, try again`, { cause: err, temporary: true });
}
