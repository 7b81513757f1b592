// The public surface of @roomcast/api: generated protobuf code and the gRPC service definitions.
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import type { ProtoGrpcType as LogicProto } from "./gen/grpc/logic";
import type { ProtoGrpcType as ConnProto } from "./gen/grpc/conn";

export { protocol, queue, type roomcast } from "./messages";

export type { LogicClient, LogicHandlers } from "./gen/grpc/roomcast/logic/Logic";
export type { ConnClient, ConnHandlers } from "./gen/grpc/roomcast/conn/Conn";
export type { ConnectReq__Output as ConnectReq } from "./gen/grpc/roomcast/logic/ConnectReq";
export type { ConnectReply } from "./gen/grpc/roomcast/logic/ConnectReply";
export type { DisconnectReq__Output as DisconnectReq } from "./gen/grpc/roomcast/logic/DisconnectReq";
export type { HeartbeatReq__Output as HeartbeatReq } from "./gen/grpc/roomcast/logic/HeartbeatReq";
export type { PublishBatchReply, PublishBatchReply__Output } from "./gen/grpc/roomcast/logic/PublishBatchReply";
export type { PublishBatchReq__Output as PublishBatchReq } from "./gen/grpc/roomcast/logic/PublishBatchReq";
export type { OnlineReq__Output as OnlineReq } from "./gen/grpc/roomcast/logic/OnlineReq";
export type { OnlineReply } from "./gen/grpc/roomcast/logic/OnlineReply";
export type { PushRoomReq__Output as PushRoomReq } from "./gen/grpc/roomcast/conn/PushRoomReq";
export type { PushAllReq__Output as PushAllReq } from "./gen/grpc/roomcast/conn/PushAllReq";
export type { PushReply } from "./gen/grpc/roomcast/conn/PushReply";
export type { PushRoomsReq__Output as PushRoomsReq } from "./gen/grpc/roomcast/conn/PushRoomsReq";
export type { PushAck, PushAck__Output } from "./gen/grpc/roomcast/conn/PushAck";

const loaderOptions: protoLoader.Options = { keepCase: true, longs: String, enums: Number, defaults: true, oneofs: true };

function load<T>(file: string): T {
  const def = protoLoader.loadSync(path.join(__dirname, file), loaderOptions);
  return grpc.loadPackageDefinition(def) as unknown as T;
}

/** The Logic service definition and client constructor. */
export function logicService() {
  return load<LogicProto>("logic/logic.proto").roomcast.logic.Logic;
}

/** The Conn service definition and client constructor. */
export function connService() {
  return load<ConnProto>("conn/conn.proto").roomcast.conn.Conn;
}
