// Original file: conn/conn.proto

import type { PushRoomReq as _roomcast_conn_PushRoomReq, PushRoomReq__Output as _roomcast_conn_PushRoomReq__Output } from '../../roomcast/conn/PushRoomReq';

export interface PushRoomsReq {
  'id'?: (number);
  'rooms'?: (_roomcast_conn_PushRoomReq)[];
}

export interface PushRoomsReq__Output {
  'id': (number);
  'rooms': (_roomcast_conn_PushRoomReq__Output)[];
}
