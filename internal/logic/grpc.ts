// logic's gRPC server for conn nodes: every call lands in LogicService; refusals travel as {code, msg}.
import { logicService, type LogicHandlers, type SubmitAck, type SubmitReq } from "@roomcast/api";
import { MsgLevel } from "@roomcast/pkg/protocol";
import { unary, RpcServer, OK_RESULT, toWire } from "@roomcast/pkg/rpc";
import type { LogicHandler } from "@roomcast/pkg/link";

export function logicGrpcServer(logic: LogicHandler): RpcServer {
  return new RpcServer(logicService().service, (streams): LogicHandlers => {
    const submit = (m: SubmitReq["items"][number]) =>
      logic.submit({ uid: m.uid, roomID: m.roomID, msgLv: m.msgLv as MsgLevel, data: m.data }).then(() => OK_RESULT, toWire);
    return {
      Connect: unary(async (r) => {
        try {
          return { ...OK_RESULT, ...(await logic.connect({ token: r.token, roomID: r.roomID })) };
        } catch (err) {
          return { ...toWire(err), uid: "", exp: 0 };
        }
      }),
      Refresh: unary(async (r) => {
        try {
          return { ...OK_RESULT, ...(await logic.refresh({ uid: r.uid, roomID: r.roomID, token: r.token })) };
        } catch (err) {
          return { ...toWire(err), exp: 0 };
        }
      }),
      // Started in order, so one client's messages reach the queue in the order it sent them.
      SubmitStream: streams.handler<SubmitReq, SubmitAck & { id: number; error: string }>(
        async (r) => ({ results: await Promise.all(r.items.map(submit)) }),
        { results: [] },
      ),
      // protobufjs decodes a map into a plain object with own keys (also `__proto__`); the service takes a Map.
      ReportOnline: unary(async (r) => {
        const totals = await logic.reportOnline({ connNode: r.connNode, rooms: new Map(Object.entries(r.rooms)), full: r.full });
        return { rooms: Object.fromEntries(totals.rooms) };
      }),
    };
  });
}
