// Original file: conn/conn.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { PushAllReq as _roomcast_conn_PushAllReq, PushAllReq__Output as _roomcast_conn_PushAllReq__Output } from '../../roomcast/conn/PushAllReq';
import type { PushReply as _roomcast_conn_PushReply, PushReply__Output as _roomcast_conn_PushReply__Output } from '../../roomcast/conn/PushReply';
import type { PushRoomsReply as _roomcast_conn_PushRoomsReply, PushRoomsReply__Output as _roomcast_conn_PushRoomsReply__Output } from '../../roomcast/conn/PushRoomsReply';
import type { PushRoomsReq as _roomcast_conn_PushRoomsReq, PushRoomsReq__Output as _roomcast_conn_PushRoomsReq__Output } from '../../roomcast/conn/PushRoomsReq';

export interface ConnClient extends grpc.Client {
  PushAll(argument: _roomcast_conn_PushAllReq, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_conn_PushReply__Output>): grpc.ClientUnaryCall;
  PushAll(argument: _roomcast_conn_PushAllReq, metadata: grpc.Metadata, callback: grpc.requestCallback<_roomcast_conn_PushReply__Output>): grpc.ClientUnaryCall;
  PushAll(argument: _roomcast_conn_PushAllReq, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_conn_PushReply__Output>): grpc.ClientUnaryCall;
  PushAll(argument: _roomcast_conn_PushAllReq, callback: grpc.requestCallback<_roomcast_conn_PushReply__Output>): grpc.ClientUnaryCall;
  pushAll(argument: _roomcast_conn_PushAllReq, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_conn_PushReply__Output>): grpc.ClientUnaryCall;
  pushAll(argument: _roomcast_conn_PushAllReq, metadata: grpc.Metadata, callback: grpc.requestCallback<_roomcast_conn_PushReply__Output>): grpc.ClientUnaryCall;
  pushAll(argument: _roomcast_conn_PushAllReq, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_conn_PushReply__Output>): grpc.ClientUnaryCall;
  pushAll(argument: _roomcast_conn_PushAllReq, callback: grpc.requestCallback<_roomcast_conn_PushReply__Output>): grpc.ClientUnaryCall;
  
  PushRooms(argument: _roomcast_conn_PushRoomsReq, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_conn_PushRoomsReply__Output>): grpc.ClientUnaryCall;
  PushRooms(argument: _roomcast_conn_PushRoomsReq, metadata: grpc.Metadata, callback: grpc.requestCallback<_roomcast_conn_PushRoomsReply__Output>): grpc.ClientUnaryCall;
  PushRooms(argument: _roomcast_conn_PushRoomsReq, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_conn_PushRoomsReply__Output>): grpc.ClientUnaryCall;
  PushRooms(argument: _roomcast_conn_PushRoomsReq, callback: grpc.requestCallback<_roomcast_conn_PushRoomsReply__Output>): grpc.ClientUnaryCall;
  pushRooms(argument: _roomcast_conn_PushRoomsReq, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_conn_PushRoomsReply__Output>): grpc.ClientUnaryCall;
  pushRooms(argument: _roomcast_conn_PushRoomsReq, metadata: grpc.Metadata, callback: grpc.requestCallback<_roomcast_conn_PushRoomsReply__Output>): grpc.ClientUnaryCall;
  pushRooms(argument: _roomcast_conn_PushRoomsReq, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_conn_PushRoomsReply__Output>): grpc.ClientUnaryCall;
  pushRooms(argument: _roomcast_conn_PushRoomsReq, callback: grpc.requestCallback<_roomcast_conn_PushRoomsReply__Output>): grpc.ClientUnaryCall;
  
}

export interface ConnHandlers extends grpc.UntypedServiceImplementation {
  PushAll: grpc.handleUnaryCall<_roomcast_conn_PushAllReq__Output, _roomcast_conn_PushReply>;
  
  PushRooms: grpc.handleUnaryCall<_roomcast_conn_PushRoomsReq__Output, _roomcast_conn_PushRoomsReply>;
  
}

export interface ConnDefinition extends grpc.ServiceDefinition {
  PushAll: MethodDefinition<_roomcast_conn_PushAllReq, _roomcast_conn_PushReply, _roomcast_conn_PushAllReq__Output, _roomcast_conn_PushReply__Output>
  PushRooms: MethodDefinition<_roomcast_conn_PushRoomsReq, _roomcast_conn_PushRoomsReply, _roomcast_conn_PushRoomsReq__Output, _roomcast_conn_PushRoomsReply__Output>
}
