// The gRPC Push API for business services (api/push/push.proto): POST /msg's checks and answers, as gRPC statuses.
import * as grpc from "@grpc/grpc-js";
import type { PushHandlers, ServicePushReply, ServicePushReq__Output, ServiceRecallReply, ServiceRecallReq } from "@roomcast/api";
import { ErrCode, MAX_ROOM_ID_BYTES, RoomcastError, utf8Length } from "@roomcast/pkg/protocol";
import { bearer, roomsClaimAllows, type Claims, type Tokens } from "@roomcast/pkg/token";
import { targetRoom, type LogicService, type PushTarget } from "./logic";
import type { RateLimiter } from "./rate_limit";

type Status = { code: grpc.status; details: string };

const status = (code: grpc.status, details: string): Status => ({ code, details });

/** The gRPC status of a refusal from LogicService. */
function statusOf(err: RoomcastError): Status {
  switch (err.code) {
    case ErrCode.INTERNAL:
      return status(grpc.status.UNAVAILABLE, err.message);
    case ErrCode.ROOM_NOT_ALLOWED:
      return status(grpc.status.PERMISSION_DENIED, err.message);
    default:
      return status(grpc.status.INVALID_ARGUMENT, err.message);
  }
}

function targetOf(r: ServicePushReq__Output): PushTarget | Status {
  switch (r.target) {
    case "roomID":
      return { room: r.roomID ?? "" };
    case "uid":
      return { user: r.uid ?? "" };
    case "connID":
      return { conn: r.connID ?? "" };
    case "broadcast":
      if (r.broadcast) return { broadcast: true };
  }
  return status(grpc.status.INVALID_ARGUMENT, "name one target: roomID, uid, connID or broadcast = true");
}

export interface PushApiDeps {
  logic: LogicService;
  tokens: Tokens;
  /** The same per-uid rate as POST /msg (http.msgPerSecPerUid), shared with it. */
  rate: RateLimiter;
}

/** The push token of a call, checked and within its uid's rate; or the status that refuses the call. */
function admit(call: grpc.ServerUnaryCall<unknown, unknown>, tokens: Tokens, rate: RateLimiter): Claims | Status {
  let claims: Claims;
  try {
    claims = tokens.verifyPush(bearer(String(call.metadata.get("authorization")[0] ?? "")));
  } catch (err) {
    return status(grpc.status.UNAUTHENTICATED, (err as Error).message);
  }
  if (!rate.take(claims.uid)) return status(grpc.status.RESOURCE_EXHAUSTED, `rate limited: uid "${claims.uid}"`);
  return claims;
}

const refused = (err: unknown) => (err instanceof RoomcastError ? statusOf(err) : status(grpc.status.INTERNAL, "internal error"));

export function pushHandlers({ logic, tokens, rate }: PushApiDeps): PushHandlers {
  return {
    Recall: (call: grpc.ServerUnaryCall<ServiceRecallReq, ServiceRecallReply>, cb: grpc.sendUnaryData<ServiceRecallReply>) => {
      const claims = admit(call, tokens, rate);
      if ("code" in claims) return cb(claims);
      const { roomID, id } = call.request;
      if (claims.rooms && !roomsClaimAllows(claims.rooms, roomID))
        return cb(status(grpc.status.PERMISSION_DENIED, `room not allowed: "${roomID}" is outside the token's rooms claim`));
      logic.recall(roomID, id).then(
        ({ found }) => cb(null, { found }),
        (err: unknown) => cb(refused(err)),
      );
    },
    Push: (call: grpc.ServerUnaryCall<ServicePushReq__Output, ServicePushReply>, cb: grpc.sendUnaryData<ServicePushReply>) => {
      const claims = admit(call, tokens, rate);
      if ("code" in claims) return cb(claims);
      const to = targetOf(call.request);
      if ("code" in to) return cb(to);
      let room: string;
      try {
        room = targetRoom(to);
      } catch (err) {
        return cb(statusOf(err as RoomcastError));
      }
      if (!("broadcast" in to) && (room === "" || utf8Length(room) > MAX_ROOM_ID_BYTES))
        return cb(status(grpc.status.INVALID_ARGUMENT, `the room must be 1-${MAX_ROOM_ID_BYTES} bytes of UTF-8`));
      if (claims.rooms && !(room === "" ? claims.rooms.includes("*") : roomsClaimAllows(claims.rooms, room)))
        return cb(status(grpc.status.PERMISSION_DENIED, `room not allowed: "${room || "broadcast"}" is outside the token's rooms claim`));
      logic.push(to, call.request.data ?? Buffer.alloc(0), call.request.type ?? "").then(
        ({ connections, id }) => cb(null, { connections, id }),
        (err: unknown) => cb(refused(err)),
      );
    },
  };
}
