// logic's gRPC server for conn nodes: every call lands in LogicService; refusals travel as {code, msg}.
import type * as grpc from "@grpc/grpc-js";
import {
  logicService,
  pushService,
  type ConnectAcks,
  type ConnectBatch,
  type ConnectReq,
  type LogicHandlers,
  type SubmitAck,
  type SubmitReq,
} from "@roomcast/api";
import { pushHandlers, type PushApiDeps } from "./push_grpc";
import { MsgLevel } from "@roomcast/pkg/protocol";
import { unary, RpcServer, OK_RESULT, toWire } from "@roomcast/pkg/rpc";
import type { LogicHandler, RoomAccess } from "@roomcast/pkg/link";

const accessToWire = (a: RoomAccess) => ({ rooms: [...(a.rooms ?? [])], hasRooms: a.rooms !== undefined, openRooms: a.openRooms });

/** The Logic service for conn nodes, and with `push` the Push API for business services on the same port. */
export function logicGrpcServer(logic: LogicHandler, push?: PushApiDeps): RpcServer {
  const server = logicServer(logic);
  if (push) server.addService(pushService().service, pushHandlers(push) as unknown as grpc.UntypedServiceImplementation);
  return server;
}

/** The Push API alone, for standalone (whose tiers talk in-process: it serves no Logic service). */
export function pushGrpcServer(push: PushApiDeps): RpcServer {
  return new RpcServer(pushService().service, () => pushHandlers(push) as unknown as grpc.UntypedServiceImplementation);
}

function logicServer(logic: LogicHandler): RpcServer {
  return new RpcServer(logicService().service, (streams): LogicHandlers => {
    const submit = (m: SubmitReq["items"][number]) =>
      logic
        .submit({ uid: m.uid, roomID: m.roomID, msgLv: m.msgLv as MsgLevel, data: m.data, type: m.type })
        .then((id) => ({ ...OK_RESULT, id }), toWire);
    const connect = async (r: ConnectReq) => {
      try {
        const { uid, exp, access } = await logic.connect({ token: r.token, roomID: r.roomID });
        return { ...OK_RESULT, uid, exp, ...accessToWire(access) };
      } catch (err) {
        return { ...toWire(err), uid: "", exp: 0 };
      }
    };
    return {
      Connect: unary(connect),
      ConnectStream: streams.handler<ConnectBatch, ConnectAcks & { id: number; error: string }>(
        async (r) => ({ results: await Promise.all(r.items.map(connect)) }),
        { results: [] },
      ),
      Refresh: unary(async (r) => {
        try {
          const { exp, access } = await logic.refresh({ uid: r.uid, roomID: r.roomID, token: r.token });
          return { ...OK_RESULT, exp, ...accessToWire(access) };
        } catch (err) {
          return { ...toWire(err), exp: 0 };
        }
      }),
      // Started in order, so one client's messages reach the queue in the order it sent them.
      SubmitStream: streams.handler<SubmitReq, SubmitAck & { id: number; error: string }>(
        async (r) => ({ results: await Promise.all(r.items.map(submit)) }),
        { results: [] },
      ),
      Recall: unary(async (r) => logic.recallOwn({ uid: r.uid, roomID: r.roomID, id: r.id }).then(() => OK_RESULT, toWire)),
      // protobufjs decodes a map into a plain object with own keys (also `__proto__`); the service takes a Map.
      ReportOnline: unary(async (r) => {
        const totals = await logic.reportOnline({ connNode: r.connNode, rooms: new Map(Object.entries(r.rooms)), full: r.full });
        return { rooms: Object.fromEntries(totals.rooms) };
      }),
    };
  });
}
