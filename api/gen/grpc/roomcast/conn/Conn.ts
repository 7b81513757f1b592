// Original file: conn/conn.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { PushAllReq as _roomcast_conn_PushAllReq, PushAllReq__Output as _roomcast_conn_PushAllReq__Output } from '../../roomcast/conn/PushAllReq';
import type { PushReply as _roomcast_conn_PushReply, PushReply__Output as _roomcast_conn_PushReply__Output } from '../../roomcast/conn/PushReply';
import type { PushRoomReq as _roomcast_conn_PushRoomReq, PushRoomReq__Output as _roomcast_conn_PushRoomReq__Output } from '../../roomcast/conn/PushRoomReq';

export interface ConnClient extends grpc.Client {
  PushAll(argument: _roomcast_conn_PushAllReq, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_conn_PushReply__Output>): grpc.ClientUnaryCall;
  PushAll(argument: _roomcast_conn_PushAllReq, metadata: grpc.Metadata, callback: grpc.requestCallback<_roomcast_conn_PushReply__Output>): grpc.ClientUnaryCall;
  PushAll(argument: _roomcast_conn_PushAllReq, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_conn_PushReply__Output>): grpc.ClientUnaryCall;
  PushAll(argument: _roomcast_conn_PushAllReq, callback: grpc.requestCallback<_roomcast_conn_PushReply__Output>): grpc.ClientUnaryCall;
  pushAll(argument: _roomcast_conn_PushAllReq, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_conn_PushReply__Output>): grpc.ClientUnaryCall;
  pushAll(argument: _roomcast_conn_PushAllReq, metadata: grpc.Metadata, callback: grpc.requestCallback<_roomcast_conn_PushReply__Output>): grpc.ClientUnaryCall;
  pushAll(argument: _roomcast_conn_PushAllReq, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_conn_PushReply__Output>): grpc.ClientUnaryCall;
  pushAll(argument: _roomcast_conn_PushAllReq, callback: grpc.requestCallback<_roomcast_conn_PushReply__Output>): grpc.ClientUnaryCall;
  
  PushRoom(argument: _roomcast_conn_PushRoomReq, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_conn_PushReply__Output>): grpc.ClientUnaryCall;
  PushRoom(argument: _roomcast_conn_PushRoomReq, metadata: grpc.Metadata, callback: grpc.requestCallback<_roomcast_conn_PushReply__Output>): grpc.ClientUnaryCall;
  PushRoom(argument: _roomcast_conn_PushRoomReq, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_conn_PushReply__Output>): grpc.ClientUnaryCall;
  PushRoom(argument: _roomcast_conn_PushRoomReq, callback: grpc.requestCallback<_roomcast_conn_PushReply__Output>): grpc.ClientUnaryCall;
  pushRoom(argument: _roomcast_conn_PushRoomReq, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_conn_PushReply__Output>): grpc.ClientUnaryCall;
  pushRoom(argument: _roomcast_conn_PushRoomReq, metadata: grpc.Metadata, callback: grpc.requestCallback<_roomcast_conn_PushReply__Output>): grpc.ClientUnaryCall;
  pushRoom(argument: _roomcast_conn_PushRoomReq, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_conn_PushReply__Output>): grpc.ClientUnaryCall;
  pushRoom(argument: _roomcast_conn_PushRoomReq, callback: grpc.requestCallback<_roomcast_conn_PushReply__Output>): grpc.ClientUnaryCall;
  
}

export interface ConnHandlers extends grpc.UntypedServiceImplementation {
  PushAll: grpc.handleUnaryCall<_roomcast_conn_PushAllReq__Output, _roomcast_conn_PushReply>;
  
  PushRoom: grpc.handleUnaryCall<_roomcast_conn_PushRoomReq__Output, _roomcast_conn_PushReply>;
  
}

export interface ConnDefinition extends grpc.ServiceDefinition {
  PushAll: MethodDefinition<_roomcast_conn_PushAllReq, _roomcast_conn_PushReply, _roomcast_conn_PushAllReq__Output, _roomcast_conn_PushReply__Output>
  PushRoom: MethodDefinition<_roomcast_conn_PushRoomReq, _roomcast_conn_PushReply, _roomcast_conn_PushRoomReq__Output, _roomcast_conn_PushReply__Output>
}
