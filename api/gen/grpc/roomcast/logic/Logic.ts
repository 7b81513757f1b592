// Original file: logic/logic.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ConnectReply as _roomcast_logic_ConnectReply, ConnectReply__Output as _roomcast_logic_ConnectReply__Output } from '../../roomcast/logic/ConnectReply';
import type { ConnectReq as _roomcast_logic_ConnectReq, ConnectReq__Output as _roomcast_logic_ConnectReq__Output } from '../../roomcast/logic/ConnectReq';
import type { DisconnectReply as _roomcast_logic_DisconnectReply, DisconnectReply__Output as _roomcast_logic_DisconnectReply__Output } from '../../roomcast/logic/DisconnectReply';
import type { DisconnectReq as _roomcast_logic_DisconnectReq, DisconnectReq__Output as _roomcast_logic_DisconnectReq__Output } from '../../roomcast/logic/DisconnectReq';
import type { HeartbeatReply as _roomcast_logic_HeartbeatReply, HeartbeatReply__Output as _roomcast_logic_HeartbeatReply__Output } from '../../roomcast/logic/HeartbeatReply';
import type { HeartbeatReq as _roomcast_logic_HeartbeatReq, HeartbeatReq__Output as _roomcast_logic_HeartbeatReq__Output } from '../../roomcast/logic/HeartbeatReq';
import type { OnlineReply as _roomcast_logic_OnlineReply, OnlineReply__Output as _roomcast_logic_OnlineReply__Output } from '../../roomcast/logic/OnlineReply';
import type { OnlineReq as _roomcast_logic_OnlineReq, OnlineReq__Output as _roomcast_logic_OnlineReq__Output } from '../../roomcast/logic/OnlineReq';
import type { PublishBatchReply as _roomcast_logic_PublishBatchReply, PublishBatchReply__Output as _roomcast_logic_PublishBatchReply__Output } from '../../roomcast/logic/PublishBatchReply';
import type { PublishBatchReq as _roomcast_logic_PublishBatchReq, PublishBatchReq__Output as _roomcast_logic_PublishBatchReq__Output } from '../../roomcast/logic/PublishBatchReq';

export interface LogicClient extends grpc.Client {
  Connect(argument: _roomcast_logic_ConnectReq, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_logic_ConnectReply__Output>): grpc.ClientUnaryCall;
  Connect(argument: _roomcast_logic_ConnectReq, metadata: grpc.Metadata, callback: grpc.requestCallback<_roomcast_logic_ConnectReply__Output>): grpc.ClientUnaryCall;
  Connect(argument: _roomcast_logic_ConnectReq, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_logic_ConnectReply__Output>): grpc.ClientUnaryCall;
  Connect(argument: _roomcast_logic_ConnectReq, callback: grpc.requestCallback<_roomcast_logic_ConnectReply__Output>): grpc.ClientUnaryCall;
  connect(argument: _roomcast_logic_ConnectReq, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_logic_ConnectReply__Output>): grpc.ClientUnaryCall;
  connect(argument: _roomcast_logic_ConnectReq, metadata: grpc.Metadata, callback: grpc.requestCallback<_roomcast_logic_ConnectReply__Output>): grpc.ClientUnaryCall;
  connect(argument: _roomcast_logic_ConnectReq, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_logic_ConnectReply__Output>): grpc.ClientUnaryCall;
  connect(argument: _roomcast_logic_ConnectReq, callback: grpc.requestCallback<_roomcast_logic_ConnectReply__Output>): grpc.ClientUnaryCall;
  
  Disconnect(argument: _roomcast_logic_DisconnectReq, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_logic_DisconnectReply__Output>): grpc.ClientUnaryCall;
  Disconnect(argument: _roomcast_logic_DisconnectReq, metadata: grpc.Metadata, callback: grpc.requestCallback<_roomcast_logic_DisconnectReply__Output>): grpc.ClientUnaryCall;
  Disconnect(argument: _roomcast_logic_DisconnectReq, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_logic_DisconnectReply__Output>): grpc.ClientUnaryCall;
  Disconnect(argument: _roomcast_logic_DisconnectReq, callback: grpc.requestCallback<_roomcast_logic_DisconnectReply__Output>): grpc.ClientUnaryCall;
  disconnect(argument: _roomcast_logic_DisconnectReq, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_logic_DisconnectReply__Output>): grpc.ClientUnaryCall;
  disconnect(argument: _roomcast_logic_DisconnectReq, metadata: grpc.Metadata, callback: grpc.requestCallback<_roomcast_logic_DisconnectReply__Output>): grpc.ClientUnaryCall;
  disconnect(argument: _roomcast_logic_DisconnectReq, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_logic_DisconnectReply__Output>): grpc.ClientUnaryCall;
  disconnect(argument: _roomcast_logic_DisconnectReq, callback: grpc.requestCallback<_roomcast_logic_DisconnectReply__Output>): grpc.ClientUnaryCall;
  
  Heartbeat(argument: _roomcast_logic_HeartbeatReq, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_logic_HeartbeatReply__Output>): grpc.ClientUnaryCall;
  Heartbeat(argument: _roomcast_logic_HeartbeatReq, metadata: grpc.Metadata, callback: grpc.requestCallback<_roomcast_logic_HeartbeatReply__Output>): grpc.ClientUnaryCall;
  Heartbeat(argument: _roomcast_logic_HeartbeatReq, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_logic_HeartbeatReply__Output>): grpc.ClientUnaryCall;
  Heartbeat(argument: _roomcast_logic_HeartbeatReq, callback: grpc.requestCallback<_roomcast_logic_HeartbeatReply__Output>): grpc.ClientUnaryCall;
  heartbeat(argument: _roomcast_logic_HeartbeatReq, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_logic_HeartbeatReply__Output>): grpc.ClientUnaryCall;
  heartbeat(argument: _roomcast_logic_HeartbeatReq, metadata: grpc.Metadata, callback: grpc.requestCallback<_roomcast_logic_HeartbeatReply__Output>): grpc.ClientUnaryCall;
  heartbeat(argument: _roomcast_logic_HeartbeatReq, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_logic_HeartbeatReply__Output>): grpc.ClientUnaryCall;
  heartbeat(argument: _roomcast_logic_HeartbeatReq, callback: grpc.requestCallback<_roomcast_logic_HeartbeatReply__Output>): grpc.ClientUnaryCall;
  
  PublishStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_roomcast_logic_PublishBatchReq, _roomcast_logic_PublishBatchReply__Output>;
  PublishStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_roomcast_logic_PublishBatchReq, _roomcast_logic_PublishBatchReply__Output>;
  publishStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_roomcast_logic_PublishBatchReq, _roomcast_logic_PublishBatchReply__Output>;
  publishStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_roomcast_logic_PublishBatchReq, _roomcast_logic_PublishBatchReply__Output>;
  
  ReportOnline(argument: _roomcast_logic_OnlineReq, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_logic_OnlineReply__Output>): grpc.ClientUnaryCall;
  ReportOnline(argument: _roomcast_logic_OnlineReq, metadata: grpc.Metadata, callback: grpc.requestCallback<_roomcast_logic_OnlineReply__Output>): grpc.ClientUnaryCall;
  ReportOnline(argument: _roomcast_logic_OnlineReq, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_logic_OnlineReply__Output>): grpc.ClientUnaryCall;
  ReportOnline(argument: _roomcast_logic_OnlineReq, callback: grpc.requestCallback<_roomcast_logic_OnlineReply__Output>): grpc.ClientUnaryCall;
  reportOnline(argument: _roomcast_logic_OnlineReq, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_logic_OnlineReply__Output>): grpc.ClientUnaryCall;
  reportOnline(argument: _roomcast_logic_OnlineReq, metadata: grpc.Metadata, callback: grpc.requestCallback<_roomcast_logic_OnlineReply__Output>): grpc.ClientUnaryCall;
  reportOnline(argument: _roomcast_logic_OnlineReq, options: grpc.CallOptions, callback: grpc.requestCallback<_roomcast_logic_OnlineReply__Output>): grpc.ClientUnaryCall;
  reportOnline(argument: _roomcast_logic_OnlineReq, callback: grpc.requestCallback<_roomcast_logic_OnlineReply__Output>): grpc.ClientUnaryCall;
  
}

export interface LogicHandlers extends grpc.UntypedServiceImplementation {
  Connect: grpc.handleUnaryCall<_roomcast_logic_ConnectReq__Output, _roomcast_logic_ConnectReply>;
  
  Disconnect: grpc.handleUnaryCall<_roomcast_logic_DisconnectReq__Output, _roomcast_logic_DisconnectReply>;
  
  Heartbeat: grpc.handleUnaryCall<_roomcast_logic_HeartbeatReq__Output, _roomcast_logic_HeartbeatReply>;
  
  PublishStream: grpc.handleBidiStreamingCall<_roomcast_logic_PublishBatchReq__Output, _roomcast_logic_PublishBatchReply>;
  
  ReportOnline: grpc.handleUnaryCall<_roomcast_logic_OnlineReq__Output, _roomcast_logic_OnlineReply>;
  
}

export interface LogicDefinition extends grpc.ServiceDefinition {
  Connect: MethodDefinition<_roomcast_logic_ConnectReq, _roomcast_logic_ConnectReply, _roomcast_logic_ConnectReq__Output, _roomcast_logic_ConnectReply__Output>
  Disconnect: MethodDefinition<_roomcast_logic_DisconnectReq, _roomcast_logic_DisconnectReply, _roomcast_logic_DisconnectReq__Output, _roomcast_logic_DisconnectReply__Output>
  Heartbeat: MethodDefinition<_roomcast_logic_HeartbeatReq, _roomcast_logic_HeartbeatReply, _roomcast_logic_HeartbeatReq__Output, _roomcast_logic_HeartbeatReply__Output>
  PublishStream: MethodDefinition<_roomcast_logic_PublishBatchReq, _roomcast_logic_PublishBatchReply, _roomcast_logic_PublishBatchReq__Output, _roomcast_logic_PublishBatchReply__Output>
  ReportOnline: MethodDefinition<_roomcast_logic_OnlineReq, _roomcast_logic_OnlineReply, _roomcast_logic_OnlineReq__Output, _roomcast_logic_OnlineReply__Output>
}
