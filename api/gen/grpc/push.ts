import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { PushClient as _roomcast_push_PushClient, PushDefinition as _roomcast_push_PushDefinition } from './roomcast/push/Push';
import type { PushReply as _roomcast_push_PushReply, PushReply__Output as _roomcast_push_PushReply__Output } from './roomcast/push/PushReply';
import type { PushReq as _roomcast_push_PushReq, PushReq__Output as _roomcast_push_PushReq__Output } from './roomcast/push/PushReq';
import type { RecallReply as _roomcast_push_RecallReply, RecallReply__Output as _roomcast_push_RecallReply__Output } from './roomcast/push/RecallReply';
import type { RecallReq as _roomcast_push_RecallReq, RecallReq__Output as _roomcast_push_RecallReq__Output } from './roomcast/push/RecallReq';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  roomcast: {
    push: {
      Push: SubtypeConstructor<typeof grpc.Client, _roomcast_push_PushClient> & { service: _roomcast_push_PushDefinition }
      PushReply: MessageTypeDefinition<_roomcast_push_PushReply, _roomcast_push_PushReply__Output>
      PushReq: MessageTypeDefinition<_roomcast_push_PushReq, _roomcast_push_PushReq__Output>
      RecallReply: MessageTypeDefinition<_roomcast_push_RecallReply, _roomcast_push_RecallReply__Output>
      RecallReq: MessageTypeDefinition<_roomcast_push_RecallReq, _roomcast_push_RecallReq__Output>
    }
  }
}

