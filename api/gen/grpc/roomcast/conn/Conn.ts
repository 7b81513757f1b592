// Original file: conn/conn.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { PresenceReply as _roomcast_conn_PresenceReply, PresenceReply__Output as _roomcast_conn_PresenceReply__Output } from '../../roomcast/conn/PresenceReply';
import type { PresenceReq as _roomcast_conn_PresenceReq, PresenceReq__Output as _roomcast_conn_PresenceReq__Output } from '../../roomcast/conn/PresenceReq';
import type { PushAck as _roomcast_conn_PushAck, PushAck__Output as _roomcast_conn_PushAck__Output } from '../../roomcast/conn/PushAck';
import type { PushReq as _roomcast_conn_PushReq, PushReq__Output as _roomcast_conn_PushReq__Output } from '../../roomcast/conn/PushReq';

export interface ConnClient extends grpc.Client {
  Presence(argument: _roomcast_conn_PresenceReq, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_conn_PresenceReply__Output>): grpc.ClientUnaryCall;
  Presence(argument: _roomcast_conn_PresenceReq, metadata: grpc.Metadata, callback: grpc.requestCallback<_roomcast_conn_PresenceReply__Output>): grpc.ClientUnaryCall;
  Presence(argument: _roomcast_conn_PresenceReq, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_conn_PresenceReply__Output>): grpc.ClientUnaryCall;
  Presence(argument: _roomcast_conn_PresenceReq, callback: grpc.requestCallback<_roomcast_conn_PresenceReply__Output>): grpc.ClientUnaryCall;
  presence(argument: _roomcast_conn_PresenceReq, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_conn_PresenceReply__Output>): grpc.ClientUnaryCall;
  presence(argument: _roomcast_conn_PresenceReq, metadata: grpc.Metadata, callback: grpc.requestCallback<_roomcast_conn_PresenceReply__Output>): grpc.ClientUnaryCall;
  presence(argument: _roomcast_conn_PresenceReq, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_conn_PresenceReply__Output>): grpc.ClientUnaryCall;
  presence(argument: _roomcast_conn_PresenceReq, callback: grpc.requestCallback<_roomcast_conn_PresenceReply__Output>): grpc.ClientUnaryCall;
  
  PushStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_roomcast_conn_PushReq, _roomcast_conn_PushAck__Output>;
  PushStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_roomcast_conn_PushReq, _roomcast_conn_PushAck__Output>;
  pushStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_roomcast_conn_PushReq, _roomcast_conn_PushAck__Output>;
  pushStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_roomcast_conn_PushReq, _roomcast_conn_PushAck__Output>;
  
}

export interface ConnHandlers extends grpc.UntypedServiceImplementation {
  Presence: grpc.handleUnaryCall<_roomcast_conn_PresenceReq__Output, _roomcast_conn_PresenceReply>;
  
  PushStream: grpc.handleBidiStreamingCall<_roomcast_conn_PushReq__Output, _roomcast_conn_PushAck>;
  
}

export interface ConnDefinition extends grpc.ServiceDefinition {
  Presence: MethodDefinition<_roomcast_conn_PresenceReq, _roomcast_conn_PresenceReply, _roomcast_conn_PresenceReq__Output, _roomcast_conn_PresenceReply__Output>
  PushStream: MethodDefinition<_roomcast_conn_PushReq, _roomcast_conn_PushAck, _roomcast_conn_PushReq__Output, _roomcast_conn_PushAck__Output>
}
