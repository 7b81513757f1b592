// The public surface of @roomcast/api: generated protobuf code and the gRPC service definitions.
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import type { ProtoGrpcType as LogicProto } from "./gen/grpc/logic";
import type { ProtoGrpcType as ConnProto } from "./gen/grpc/conn";
import type { ProtoGrpcType as PushProto } from "./gen/grpc/push";

export { protocol, queue, type roomcast } from "./messages";

export type { LogicClient, LogicHandlers } from "./gen/grpc/roomcast/logic/Logic";
export type { ConnClient, ConnHandlers } from "./gen/grpc/roomcast/conn/Conn";
export type { ConnectReq__Output as ConnectReq } from "./gen/grpc/roomcast/logic/ConnectReq";
export type { ConnectReply, ConnectReply__Output } from "./gen/grpc/roomcast/logic/ConnectReply";
export type { ConnectBatch__Output as ConnectBatch } from "./gen/grpc/roomcast/logic/ConnectBatch";
export type { ConnectAcks, ConnectAcks__Output } from "./gen/grpc/roomcast/logic/ConnectAcks";
export type { RefreshReq__Output as RefreshReq } from "./gen/grpc/roomcast/logic/RefreshReq";
export type { RefreshReply, RefreshReply__Output } from "./gen/grpc/roomcast/logic/RefreshReply";
export type { SubmitReq__Output as SubmitReq } from "./gen/grpc/roomcast/logic/SubmitReq";
export type { SubmitAck, SubmitAck__Output } from "./gen/grpc/roomcast/logic/SubmitAck";
export type { OnlineReq__Output as OnlineReq } from "./gen/grpc/roomcast/logic/OnlineReq";
export type { OnlineReply, OnlineReply__Output } from "./gen/grpc/roomcast/logic/OnlineReply";
export type { PushReq__Output as PushReq } from "./gen/grpc/roomcast/conn/PushReq";
export type { PushAck, PushAck__Output } from "./gen/grpc/roomcast/conn/PushAck";
export type { PresenceReq__Output as PresenceReq } from "./gen/grpc/roomcast/conn/PresenceReq";
export type { PresenceReply, PresenceReply__Output } from "./gen/grpc/roomcast/conn/PresenceReply";
export type { PushClient, PushHandlers } from "./gen/grpc/roomcast/push/Push";
export type { PushReq as ServicePushReq, PushReq__Output as ServicePushReq__Output } from "./gen/grpc/roomcast/push/PushReq";
export type { PushReply as ServicePushReply, PushReply__Output as ServicePushReply__Output } from "./gen/grpc/roomcast/push/PushReply";
export type { RecallReq__Output as ServiceRecallReq } from "./gen/grpc/roomcast/push/RecallReq";
export type {
  RecallReply as ServiceRecallReply,
  RecallReply__Output as ServiceRecallReply__Output,
} from "./gen/grpc/roomcast/push/RecallReply";

const loaderOptions: protoLoader.Options = { keepCase: true, longs: String, enums: Number, defaults: true, oneofs: true };

function load<T>(file: string): T {
  const def = protoLoader.loadSync(path.join(__dirname, file), loaderOptions);
  return grpc.loadPackageDefinition(def) as unknown as T;
}

/** The Logic service definition and client constructor. */
export function logicService() {
  return load<LogicProto>("logic/logic.proto").roomcast.logic.Logic;
}

/** The Push service (business services' server API) definition and client constructor. */
export function pushService() {
  return load<PushProto>("push/push.proto").roomcast.push.Push;
}

/** The Conn service definition and client constructor. */
export function connService() {
  return load<ConnProto>("conn/conn.proto").roomcast.conn.Conn;
}
