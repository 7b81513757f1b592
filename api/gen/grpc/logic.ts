import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { ConnectReply as _roomcast_logic_ConnectReply, ConnectReply__Output as _roomcast_logic_ConnectReply__Output } from './roomcast/logic/ConnectReply';
import type { ConnectReq as _roomcast_logic_ConnectReq, ConnectReq__Output as _roomcast_logic_ConnectReq__Output } from './roomcast/logic/ConnectReq';
import type { DisconnectReply as _roomcast_logic_DisconnectReply, DisconnectReply__Output as _roomcast_logic_DisconnectReply__Output } from './roomcast/logic/DisconnectReply';
import type { DisconnectReq as _roomcast_logic_DisconnectReq, DisconnectReq__Output as _roomcast_logic_DisconnectReq__Output } from './roomcast/logic/DisconnectReq';
import type { HeartbeatReply as _roomcast_logic_HeartbeatReply, HeartbeatReply__Output as _roomcast_logic_HeartbeatReply__Output } from './roomcast/logic/HeartbeatReply';
import type { HeartbeatReq as _roomcast_logic_HeartbeatReq, HeartbeatReq__Output as _roomcast_logic_HeartbeatReq__Output } from './roomcast/logic/HeartbeatReq';
import type { LogicClient as _roomcast_logic_LogicClient, LogicDefinition as _roomcast_logic_LogicDefinition } from './roomcast/logic/Logic';
import type { OnlineReply as _roomcast_logic_OnlineReply, OnlineReply__Output as _roomcast_logic_OnlineReply__Output } from './roomcast/logic/OnlineReply';
import type { OnlineReq as _roomcast_logic_OnlineReq, OnlineReq__Output as _roomcast_logic_OnlineReq__Output } from './roomcast/logic/OnlineReq';
import type { PublishBatchReply as _roomcast_logic_PublishBatchReply, PublishBatchReply__Output as _roomcast_logic_PublishBatchReply__Output } from './roomcast/logic/PublishBatchReply';
import type { PublishBatchReq as _roomcast_logic_PublishBatchReq, PublishBatchReq__Output as _roomcast_logic_PublishBatchReq__Output } from './roomcast/logic/PublishBatchReq';
import type { PublishReply as _roomcast_logic_PublishReply, PublishReply__Output as _roomcast_logic_PublishReply__Output } from './roomcast/logic/PublishReply';
import type { PublishReq as _roomcast_logic_PublishReq, PublishReq__Output as _roomcast_logic_PublishReq__Output } from './roomcast/logic/PublishReq';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  roomcast: {
    logic: {
      ConnectReply: MessageTypeDefinition<_roomcast_logic_ConnectReply, _roomcast_logic_ConnectReply__Output>
      ConnectReq: MessageTypeDefinition<_roomcast_logic_ConnectReq, _roomcast_logic_ConnectReq__Output>
      DisconnectReply: MessageTypeDefinition<_roomcast_logic_DisconnectReply, _roomcast_logic_DisconnectReply__Output>
      DisconnectReq: MessageTypeDefinition<_roomcast_logic_DisconnectReq, _roomcast_logic_DisconnectReq__Output>
      HeartbeatReply: MessageTypeDefinition<_roomcast_logic_HeartbeatReply, _roomcast_logic_HeartbeatReply__Output>
      HeartbeatReq: MessageTypeDefinition<_roomcast_logic_HeartbeatReq, _roomcast_logic_HeartbeatReq__Output>
      Logic: SubtypeConstructor<typeof grpc.Client, _roomcast_logic_LogicClient> & { service: _roomcast_logic_LogicDefinition }
      OnlineReply: MessageTypeDefinition<_roomcast_logic_OnlineReply, _roomcast_logic_OnlineReply__Output>
      OnlineReq: MessageTypeDefinition<_roomcast_logic_OnlineReq, _roomcast_logic_OnlineReq__Output>
      PublishBatchReply: MessageTypeDefinition<_roomcast_logic_PublishBatchReply, _roomcast_logic_PublishBatchReply__Output>
      PublishBatchReq: MessageTypeDefinition<_roomcast_logic_PublishBatchReq, _roomcast_logic_PublishBatchReq__Output>
      PublishReply: MessageTypeDefinition<_roomcast_logic_PublishReply, _roomcast_logic_PublishReply__Output>
      PublishReq: MessageTypeDefinition<_roomcast_logic_PublishReq, _roomcast_logic_PublishReq__Output>
    }
  }
}

