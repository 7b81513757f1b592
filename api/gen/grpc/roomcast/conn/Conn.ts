// Original file: conn/conn.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { PushAck as _roomcast_conn_PushAck, PushAck__Output as _roomcast_conn_PushAck__Output } from '../../roomcast/conn/PushAck';
import type { PushReq as _roomcast_conn_PushReq, PushReq__Output as _roomcast_conn_PushReq__Output } from '../../roomcast/conn/PushReq';

export interface ConnClient extends grpc.Client {
  PushStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_roomcast_conn_PushReq, _roomcast_conn_PushAck__Output>;
  PushStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_roomcast_conn_PushReq, _roomcast_conn_PushAck__Output>;
  pushStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_roomcast_conn_PushReq, _roomcast_conn_PushAck__Output>;
  pushStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_roomcast_conn_PushReq, _roomcast_conn_PushAck__Output>;
  
}

export interface ConnHandlers extends grpc.UntypedServiceImplementation {
  PushStream: grpc.handleBidiStreamingCall<_roomcast_conn_PushReq__Output, _roomcast_conn_PushAck>;
  
}

export interface ConnDefinition extends grpc.ServiceDefinition {
  PushStream: MethodDefinition<_roomcast_conn_PushReq, _roomcast_conn_PushAck, _roomcast_conn_PushReq__Output, _roomcast_conn_PushAck__Output>
}
