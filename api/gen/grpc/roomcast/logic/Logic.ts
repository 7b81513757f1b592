// Original file: logic/logic.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ConnectAcks as _roomcast_logic_ConnectAcks, ConnectAcks__Output as _roomcast_logic_ConnectAcks__Output } from '../../roomcast/logic/ConnectAcks';
import type { ConnectBatch as _roomcast_logic_ConnectBatch, ConnectBatch__Output as _roomcast_logic_ConnectBatch__Output } from '../../roomcast/logic/ConnectBatch';
import type { ConnectReply as _roomcast_logic_ConnectReply, ConnectReply__Output as _roomcast_logic_ConnectReply__Output } from '../../roomcast/logic/ConnectReply';
import type { ConnectReq as _roomcast_logic_ConnectReq, ConnectReq__Output as _roomcast_logic_ConnectReq__Output } from '../../roomcast/logic/ConnectReq';
import type { OnlineReply as _roomcast_logic_OnlineReply, OnlineReply__Output as _roomcast_logic_OnlineReply__Output } from '../../roomcast/logic/OnlineReply';
import type { OnlineReq as _roomcast_logic_OnlineReq, OnlineReq__Output as _roomcast_logic_OnlineReq__Output } from '../../roomcast/logic/OnlineReq';
import type { RecallReq as _roomcast_logic_RecallReq, RecallReq__Output as _roomcast_logic_RecallReq__Output } from '../../roomcast/logic/RecallReq';
import type { RefreshReply as _roomcast_logic_RefreshReply, RefreshReply__Output as _roomcast_logic_RefreshReply__Output } from '../../roomcast/logic/RefreshReply';
import type { RefreshReq as _roomcast_logic_RefreshReq, RefreshReq__Output as _roomcast_logic_RefreshReq__Output } from '../../roomcast/logic/RefreshReq';
import type { Result as _roomcast_logic_Result, Result__Output as _roomcast_logic_Result__Output } from '../../roomcast/logic/Result';
import type { SubmitAck as _roomcast_logic_SubmitAck, SubmitAck__Output as _roomcast_logic_SubmitAck__Output } from '../../roomcast/logic/SubmitAck';
import type { SubmitReq as _roomcast_logic_SubmitReq, SubmitReq__Output as _roomcast_logic_SubmitReq__Output } from '../../roomcast/logic/SubmitReq';

export interface LogicClient extends grpc.Client {
  Connect(argument: _roomcast_logic_ConnectReq, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_logic_ConnectReply__Output>): grpc.ClientUnaryCall;
  Connect(argument: _roomcast_logic_ConnectReq, metadata: grpc.Metadata, callback: grpc.requestCallback<_roomcast_logic_ConnectReply__Output>): grpc.ClientUnaryCall;
  Connect(argument: _roomcast_logic_ConnectReq, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_logic_ConnectReply__Output>): grpc.ClientUnaryCall;
  Connect(argument: _roomcast_logic_ConnectReq, callback: grpc.requestCallback<_roomcast_logic_ConnectReply__Output>): grpc.ClientUnaryCall;
  connect(argument: _roomcast_logic_ConnectReq, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_logic_ConnectReply__Output>): grpc.ClientUnaryCall;
  connect(argument: _roomcast_logic_ConnectReq, metadata: grpc.Metadata, callback: grpc.requestCallback<_roomcast_logic_ConnectReply__Output>): grpc.ClientUnaryCall;
  connect(argument: _roomcast_logic_ConnectReq, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_logic_ConnectReply__Output>): grpc.ClientUnaryCall;
  connect(argument: _roomcast_logic_ConnectReq, callback: grpc.requestCallback<_roomcast_logic_ConnectReply__Output>): grpc.ClientUnaryCall;
  
  ConnectStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_roomcast_logic_ConnectBatch, _roomcast_logic_ConnectAcks__Output>;
  ConnectStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_roomcast_logic_ConnectBatch, _roomcast_logic_ConnectAcks__Output>;
  connectStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_roomcast_logic_ConnectBatch, _roomcast_logic_ConnectAcks__Output>;
  connectStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_roomcast_logic_ConnectBatch, _roomcast_logic_ConnectAcks__Output>;
  
  Recall(argument: _roomcast_logic_RecallReq, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_logic_Result__Output>): grpc.ClientUnaryCall;
  Recall(argument: _roomcast_logic_RecallReq, metadata: grpc.Metadata, callback: grpc.requestCallback<_roomcast_logic_Result__Output>): grpc.ClientUnaryCall;
  Recall(argument: _roomcast_logic_RecallReq, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_logic_Result__Output>): grpc.ClientUnaryCall;
  Recall(argument: _roomcast_logic_RecallReq, callback: grpc.requestCallback<_roomcast_logic_Result__Output>): grpc.ClientUnaryCall;
  recall(argument: _roomcast_logic_RecallReq, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_logic_Result__Output>): grpc.ClientUnaryCall;
  recall(argument: _roomcast_logic_RecallReq, metadata: grpc.Metadata, callback: grpc.requestCallback<_roomcast_logic_Result__Output>): grpc.ClientUnaryCall;
  recall(argument: _roomcast_logic_RecallReq, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_logic_Result__Output>): grpc.ClientUnaryCall;
  recall(argument: _roomcast_logic_RecallReq, callback: grpc.requestCallback<_roomcast_logic_Result__Output>): grpc.ClientUnaryCall;
  
  Refresh(argument: _roomcast_logic_RefreshReq, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_logic_RefreshReply__Output>): grpc.ClientUnaryCall;
  Refresh(argument: _roomcast_logic_RefreshReq, metadata: grpc.Metadata, callback: grpc.requestCallback<_roomcast_logic_RefreshReply__Output>): grpc.ClientUnaryCall;
  Refresh(argument: _roomcast_logic_RefreshReq, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_logic_RefreshReply__Output>): grpc.ClientUnaryCall;
  Refresh(argument: _roomcast_logic_RefreshReq, callback: grpc.requestCallback<_roomcast_logic_RefreshReply__Output>): grpc.ClientUnaryCall;
  refresh(argument: _roomcast_logic_RefreshReq, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_logic_RefreshReply__Output>): grpc.ClientUnaryCall;
  refresh(argument: _roomcast_logic_RefreshReq, metadata: grpc.Metadata, callback: grpc.requestCallback<_roomcast_logic_RefreshReply__Output>): grpc.ClientUnaryCall;
  refresh(argument: _roomcast_logic_RefreshReq, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_logic_RefreshReply__Output>): grpc.ClientUnaryCall;
  refresh(argument: _roomcast_logic_RefreshReq, callback: grpc.requestCallback<_roomcast_logic_RefreshReply__Output>): grpc.ClientUnaryCall;
  
  ReportOnline(argument: _roomcast_logic_OnlineReq, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_logic_OnlineReply__Output>): grpc.ClientUnaryCall;
  ReportOnline(argument: _roomcast_logic_OnlineReq, metadata: grpc.Metadata, callback: grpc.requestCallback<_roomcast_logic_OnlineReply__Output>): grpc.ClientUnaryCall;
  ReportOnline(argument: _roomcast_logic_OnlineReq, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_logic_OnlineReply__Output>): grpc.ClientUnaryCall;
  ReportOnline(argument: _roomcast_logic_OnlineReq, callback: grpc.requestCallback<_roomcast_logic_OnlineReply__Output>): grpc.ClientUnaryCall;
  reportOnline(argument: _roomcast_logic_OnlineReq, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_logic_OnlineReply__Output>): grpc.ClientUnaryCall;
  reportOnline(argument: _roomcast_logic_OnlineReq, metadata: grpc.Metadata, callback: grpc.requestCallback<_roomcast_logic_OnlineReply__Output>): grpc.ClientUnaryCall;
  reportOnline(argument: _roomcast_logic_OnlineReq, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_logic_OnlineReply__Output>): grpc.ClientUnaryCall;
  reportOnline(argument: _roomcast_logic_OnlineReq, callback: grpc.requestCallback<_roomcast_logic_OnlineReply__Output>): grpc.ClientUnaryCall;
  
  SubmitStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_roomcast_logic_SubmitReq, _roomcast_logic_SubmitAck__Output>;
  SubmitStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_roomcast_logic_SubmitReq, _roomcast_logic_SubmitAck__Output>;
  submitStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_roomcast_logic_SubmitReq, _roomcast_logic_SubmitAck__Output>;
  submitStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_roomcast_logic_SubmitReq, _roomcast_logic_SubmitAck__Output>;
  
}

export interface LogicHandlers extends grpc.UntypedServiceImplementation {
  Connect: grpc.handleUnaryCall<_roomcast_logic_ConnectReq__Output, _roomcast_logic_ConnectReply>;
  
  ConnectStream: grpc.handleBidiStreamingCall<_roomcast_logic_ConnectBatch__Output, _roomcast_logic_ConnectAcks>;
  
  Recall: grpc.handleUnaryCall<_roomcast_logic_RecallReq__Output, _roomcast_logic_Result>;
  
  Refresh: grpc.handleUnaryCall<_roomcast_logic_RefreshReq__Output, _roomcast_logic_RefreshReply>;
  
  ReportOnline: grpc.handleUnaryCall<_roomcast_logic_OnlineReq__Output, _roomcast_logic_OnlineReply>;
  
  SubmitStream: grpc.handleBidiStreamingCall<_roomcast_logic_SubmitReq__Output, _roomcast_logic_SubmitAck>;
  
}

export interface LogicDefinition extends grpc.ServiceDefinition {
  Connect: MethodDefinition<_roomcast_logic_ConnectReq, _roomcast_logic_ConnectReply, _roomcast_logic_ConnectReq__Output, _roomcast_logic_ConnectReply__Output>
  ConnectStream: MethodDefinition<_roomcast_logic_ConnectBatch, _roomcast_logic_ConnectAcks, _roomcast_logic_ConnectBatch__Output, _roomcast_logic_ConnectAcks__Output>
  Recall: MethodDefinition<_roomcast_logic_RecallReq, _roomcast_logic_Result, _roomcast_logic_RecallReq__Output, _roomcast_logic_Result__Output>
  Refresh: MethodDefinition<_roomcast_logic_RefreshReq, _roomcast_logic_RefreshReply, _roomcast_logic_RefreshReq__Output, _roomcast_logic_RefreshReply__Output>
  ReportOnline: MethodDefinition<_roomcast_logic_OnlineReq, _roomcast_logic_OnlineReply, _roomcast_logic_OnlineReq__Output, _roomcast_logic_OnlineReply__Output>
  SubmitStream: MethodDefinition<_roomcast_logic_SubmitReq, _roomcast_logic_SubmitAck, _roomcast_logic_SubmitReq__Output, _roomcast_logic_SubmitAck__Output>
}
