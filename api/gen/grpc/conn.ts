import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { ConnClient as _roomcast_conn_ConnClient, ConnDefinition as _roomcast_conn_ConnDefinition } from './roomcast/conn/Conn';
import type { PushAck as _roomcast_conn_PushAck, PushAck__Output as _roomcast_conn_PushAck__Output } from './roomcast/conn/PushAck';
import type { PushAllReq as _roomcast_conn_PushAllReq, PushAllReq__Output as _roomcast_conn_PushAllReq__Output } from './roomcast/conn/PushAllReq';
import type { PushReply as _roomcast_conn_PushReply, PushReply__Output as _roomcast_conn_PushReply__Output } from './roomcast/conn/PushReply';
import type { PushRoomReq as _roomcast_conn_PushRoomReq, PushRoomReq__Output as _roomcast_conn_PushRoomReq__Output } from './roomcast/conn/PushRoomReq';
import type { PushRoomsReq as _roomcast_conn_PushRoomsReq, PushRoomsReq__Output as _roomcast_conn_PushRoomsReq__Output } from './roomcast/conn/PushRoomsReq';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  roomcast: {
    conn: {
      Conn: SubtypeConstructor<typeof grpc.Client, _roomcast_conn_ConnClient> & { service: _roomcast_conn_ConnDefinition }
      PushAck: MessageTypeDefinition<_roomcast_conn_PushAck, _roomcast_conn_PushAck__Output>
      PushAllReq: MessageTypeDefinition<_roomcast_conn_PushAllReq, _roomcast_conn_PushAllReq__Output>
      PushReply: MessageTypeDefinition<_roomcast_conn_PushReply, _roomcast_conn_PushReply__Output>
      PushRoomReq: MessageTypeDefinition<_roomcast_conn_PushRoomReq, _roomcast_conn_PushRoomReq__Output>
      PushRoomsReq: MessageTypeDefinition<_roomcast_conn_PushRoomsReq, _roomcast_conn_PushRoomsReq__Output>
    }
  }
}

