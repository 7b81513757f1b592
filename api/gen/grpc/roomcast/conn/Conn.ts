// Original file: conn/conn.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { PushAck as _roomcast_conn_PushAck, PushAck__Output as _roomcast_conn_PushAck__Output } from '../../roomcast/conn/PushAck';
import type { PushAllReq as _roomcast_conn_PushAllReq, PushAllReq__Output as _roomcast_conn_PushAllReq__Output } from '../../roomcast/conn/PushAllReq';
import type { PushReply as _roomcast_conn_PushReply, PushReply__Output as _roomcast_conn_PushReply__Output } from '../../roomcast/conn/PushReply';
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
  
  PushStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_roomcast_conn_PushRoomsReq, _roomcast_conn_PushAck__Output>;
  PushStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_roomcast_conn_PushRoomsReq, _roomcast_conn_PushAck__Output>;
  pushStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_roomcast_conn_PushRoomsReq, _roomcast_conn_PushAck__Output>;
  pushStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_roomcast_conn_PushRoomsReq, _roomcast_conn_PushAck__Output>;
  
}

export interface ConnHandlers extends grpc.UntypedServiceImplementation {
  PushAll: grpc.handleUnaryCall<_roomcast_conn_PushAllReq__Output, _roomcast_conn_PushReply>;
  
  PushStream: grpc.handleBidiStreamingCall<_roomcast_conn_PushRoomsReq__Output, _roomcast_conn_PushAck>;
  
}

export interface ConnDefinition extends grpc.ServiceDefinition {
  PushAll: MethodDefinition<_roomcast_conn_PushAllReq, _roomcast_conn_PushReply, _roomcast_conn_PushAllReq__Output, _roomcast_conn_PushReply__Output>
  PushStream: MethodDefinition<_roomcast_conn_PushRoomsReq, _roomcast_conn_PushAck, _roomcast_conn_PushRoomsReq__Output, _roomcast_conn_PushAck__Output>
}
