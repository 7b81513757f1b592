// Original file: logic/logic.proto

import type { Long } from '@grpc/proto-loader';

export interface ConnectReply {
  'code'?: (number);
  'msg'?: (string);
  'uid'?: (string);
  'exp'?: (number | string | Long);
  'rooms'?: (string)[];
  'hasRooms'?: (boolean);
  'openRooms'?: (boolean);
}

export interface ConnectReply__Output {
  'code': (number);
  'msg': (string);
  'uid': (string);
  'exp': (string);
  'rooms': (string)[];
  'hasRooms': (boolean);
  'openRooms': (boolean);
}
