// Original file: conn/conn.proto

import type { RoomBatch as _roomcast_conn_RoomBatch, RoomBatch__Output as _roomcast_conn_RoomBatch__Output } from '../../roomcast/conn/RoomBatch';

export interface PushReq {
  'id'?: (number);
  'rooms'?: (_roomcast_conn_RoomBatch)[];
}

export interface PushReq__Output {
  'id': (number);
  'rooms': (_roomcast_conn_RoomBatch__Output)[];
}
