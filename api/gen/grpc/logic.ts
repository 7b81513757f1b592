import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { ClientMessage as _roomcast_logic_ClientMessage, ClientMessage__Output as _roomcast_logic_ClientMessage__Output } from './roomcast/logic/ClientMessage';
import type { ConnectAcks as _roomcast_logic_ConnectAcks, ConnectAcks__Output as _roomcast_logic_ConnectAcks__Output } from './roomcast/logic/ConnectAcks';
import type { ConnectBatch as _roomcast_logic_ConnectBatch, ConnectBatch__Output as _roomcast_logic_ConnectBatch__Output } from './roomcast/logic/ConnectBatch';
import type { ConnectReply as _roomcast_logic_ConnectReply, ConnectReply__Output as _roomcast_logic_ConnectReply__Output } from './roomcast/logic/ConnectReply';
import type { ConnectReq as _roomcast_logic_ConnectReq, ConnectReq__Output as _roomcast_logic_ConnectReq__Output } from './roomcast/logic/ConnectReq';
import type { LogicClient as _roomcast_logic_LogicClient, LogicDefinition as _roomcast_logic_LogicDefinition } from './roomcast/logic/Logic';
import type { OnlineReply as _roomcast_logic_OnlineReply, OnlineReply__Output as _roomcast_logic_OnlineReply__Output } from './roomcast/logic/OnlineReply';
import type { OnlineReq as _roomcast_logic_OnlineReq, OnlineReq__Output as _roomcast_logic_OnlineReq__Output } from './roomcast/logic/OnlineReq';
import type { RecallReq as _roomcast_logic_RecallReq, RecallReq__Output as _roomcast_logic_RecallReq__Output } from './roomcast/logic/RecallReq';
import type { RefreshReply as _roomcast_logic_RefreshReply, RefreshReply__Output as _roomcast_logic_RefreshReply__Output } from './roomcast/logic/RefreshReply';
import type { RefreshReq as _roomcast_logic_RefreshReq, RefreshReq__Output as _roomcast_logic_RefreshReq__Output } from './roomcast/logic/RefreshReq';
import type { Result as _roomcast_logic_Result, Result__Output as _roomcast_logic_Result__Output } from './roomcast/logic/Result';
import type { SubmitAck as _roomcast_logic_SubmitAck, SubmitAck__Output as _roomcast_logic_SubmitAck__Output } from './roomcast/logic/SubmitAck';
import type { SubmitReq as _roomcast_logic_SubmitReq, SubmitReq__Output as _roomcast_logic_SubmitReq__Output } from './roomcast/logic/SubmitReq';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  roomcast: {
    logic: {
      ClientMessage: MessageTypeDefinition<_roomcast_logic_ClientMessage, _roomcast_logic_ClientMessage__Output>
      ConnectAcks: MessageTypeDefinition<_roomcast_logic_ConnectAcks, _roomcast_logic_ConnectAcks__Output>
      ConnectBatch: MessageTypeDefinition<_roomcast_logic_ConnectBatch, _roomcast_logic_ConnectBatch__Output>
      ConnectReply: MessageTypeDefinition<_roomcast_logic_ConnectReply, _roomcast_logic_ConnectReply__Output>
      ConnectReq: MessageTypeDefinition<_roomcast_logic_ConnectReq, _roomcast_logic_ConnectReq__Output>
      Logic: SubtypeConstructor<typeof grpc.Client, _roomcast_logic_LogicClient> & { service: _roomcast_logic_LogicDefinition }
      OnlineReply: MessageTypeDefinition<_roomcast_logic_OnlineReply, _roomcast_logic_OnlineReply__Output>
      OnlineReq: MessageTypeDefinition<_roomcast_logic_OnlineReq, _roomcast_logic_OnlineReq__Output>
      RecallReq: MessageTypeDefinition<_roomcast_logic_RecallReq, _roomcast_logic_RecallReq__Output>
      RefreshReply: MessageTypeDefinition<_roomcast_logic_RefreshReply, _roomcast_logic_RefreshReply__Output>
      RefreshReq: MessageTypeDefinition<_roomcast_logic_RefreshReq, _roomcast_logic_RefreshReq__Output>
      Result: MessageTypeDefinition<_roomcast_logic_Result, _roomcast_logic_Result__Output>
      SubmitAck: MessageTypeDefinition<_roomcast_logic_SubmitAck, _roomcast_logic_SubmitAck__Output>
      SubmitReq: MessageTypeDefinition<_roomcast_logic_SubmitReq, _roomcast_logic_SubmitReq__Output>
    }
  }
}

