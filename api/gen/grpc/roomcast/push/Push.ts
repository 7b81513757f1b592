// Original file: push/push.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { PushReply as _roomcast_push_PushReply, PushReply__Output as _roomcast_push_PushReply__Output } from '../../roomcast/push/PushReply';
import type { PushReq as _roomcast_push_PushReq, PushReq__Output as _roomcast_push_PushReq__Output } from '../../roomcast/push/PushReq';
import type { RecallReply as _roomcast_push_RecallReply, RecallReply__Output as _roomcast_push_RecallReply__Output } from '../../roomcast/push/RecallReply';
import type { RecallReq as _roomcast_push_RecallReq, RecallReq__Output as _roomcast_push_RecallReq__Output } from '../../roomcast/push/RecallReq';

export interface PushClient extends grpc.Client {
  Push(argument: _roomcast_push_PushReq, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_push_PushReply__Output>): grpc.ClientUnaryCall;
  Push(argument: _roomcast_push_PushReq, metadata: grpc.Metadata, callback: grpc.requestCallback<_roomcast_push_PushReply__Output>): grpc.ClientUnaryCall;
  Push(argument: _roomcast_push_PushReq, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_push_PushReply__Output>): grpc.ClientUnaryCall;
  Push(argument: _roomcast_push_PushReq, callback: grpc.requestCallback<_roomcast_push_PushReply__Output>): grpc.ClientUnaryCall;
  push(argument: _roomcast_push_PushReq, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_push_PushReply__Output>): grpc.ClientUnaryCall;
  push(argument: _roomcast_push_PushReq, metadata: grpc.Metadata, callback: grpc.requestCallback<_roomcast_push_PushReply__Output>): grpc.ClientUnaryCall;
  push(argument: _roomcast_push_PushReq, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_push_PushReply__Output>): grpc.ClientUnaryCall;
  push(argument: _roomcast_push_PushReq, callback: grpc.requestCallback<_roomcast_push_PushReply__Output>): grpc.ClientUnaryCall;
  
  Recall(argument: _roomcast_push_RecallReq, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_push_RecallReply__Output>): grpc.ClientUnaryCall;
  Recall(argument: _roomcast_push_RecallReq, metadata: grpc.Metadata, callback: grpc.requestCallback<_roomcast_push_RecallReply__Output>): grpc.ClientUnaryCall;
  Recall(argument: _roomcast_push_RecallReq, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_push_RecallReply__Output>): grpc.ClientUnaryCall;
  Recall(argument: _roomcast_push_RecallReq, callback: grpc.requestCallback<_roomcast_push_RecallReply__Output>): grpc.ClientUnaryCall;
  recall(argument: _roomcast_push_RecallReq, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_push_RecallReply__Output>): grpc.ClientUnaryCall;
  recall(argument: _roomcast_push_RecallReq, metadata: grpc.Metadata, callback: grpc.requestCallback<_roomcast_push_RecallReply__Output>): grpc.ClientUnaryCall;
  recall(argument: _roomcast_push_RecallReq, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_push_RecallReply__Output>): grpc.ClientUnaryCall;
  recall(argument: _roomcast_push_RecallReq, callback: grpc.requestCallback<_roomcast_push_RecallReply__Output>): grpc.ClientUnaryCall;
  
}

export interface PushHandlers extends grpc.UntypedServiceImplementation {
  Push: grpc.handleUnaryCall<_roomcast_push_PushReq__Output, _roomcast_push_PushReply>;
  
  Recall: grpc.handleUnaryCall<_roomcast_push_RecallReq__Output, _roomcast_push_RecallReply>;
  
}

export interface PushDefinition extends grpc.ServiceDefinition {
  Push: MethodDefinition<_roomcast_push_PushReq, _roomcast_push_PushReply, _roomcast_push_PushReq__Output, _roomcast_push_PushReply__Output>
  Recall: MethodDefinition<_roomcast_push_RecallReq, _roomcast_push_RecallReply, _roomcast_push_RecallReq__Output, _roomcast_push_RecallReply__Output>
}
