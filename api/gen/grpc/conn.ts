import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { ConnClient as _roomcast_conn_ConnClient, ConnDefinition as _roomcast_conn_ConnDefinition } from './roomcast/conn/Conn';
import type { PresenceReply as _roomcast_conn_PresenceReply, PresenceReply__Output as _roomcast_conn_PresenceReply__Output } from './roomcast/conn/PresenceReply';
import type { PresenceReq as _roomcast_conn_PresenceReq, PresenceReq__Output as _roomcast_conn_PresenceReq__Output } from './roomcast/conn/PresenceReq';
import type { PushAck as _roomcast_conn_PushAck, PushAck__Output as _roomcast_conn_PushAck__Output } from './roomcast/conn/PushAck';
import type { PushReq as _roomcast_conn_PushReq, PushReq__Output as _roomcast_conn_PushReq__Output } from './roomcast/conn/PushReq';
import type { RoomBatch as _roomcast_conn_RoomBatch, RoomBatch__Output as _roomcast_conn_RoomBatch__Output } from './roomcast/conn/RoomBatch';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  roomcast: {
    conn: {
      Conn: SubtypeConstructor<typeof grpc.Client, _roomcast_conn_ConnClient> & { service: _roomcast_conn_ConnDefinition }
      PresenceReply: MessageTypeDefinition<_roomcast_conn_PresenceReply, _roomcast_conn_PresenceReply__Output>
      PresenceReq: MessageTypeDefinition<_roomcast_conn_PresenceReq, _roomcast_conn_PresenceReq__Output>
      PushAck: MessageTypeDefinition<_roomcast_conn_PushAck, _roomcast_conn_PushAck__Output>
      PushReq: MessageTypeDefinition<_roomcast_conn_PushReq, _roomcast_conn_PushReq__Output>
      RoomBatch: MessageTypeDefinition<_roomcast_conn_RoomBatch, _roomcast_conn_RoomBatch__Output>
    }
  }
}

