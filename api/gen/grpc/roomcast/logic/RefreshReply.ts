// Original file: logic/logic.proto

import type { Long } from '@grpc/proto-loader';

export interface RefreshReply {
  'code'?: (number);
  'msg'?: (string);
  'exp'?: (number | string | Long);
  'rooms'?: (string)[];
  'hasRooms'?: (boolean);
  'openRooms'?: (boolean);
}

export interface RefreshReply__Output {
  'code': (number);
  'msg': (string);
  'exp': (string);
  'rooms': (string)[];
  'hasRooms': (boolean);
  'openRooms': (boolean);
}
