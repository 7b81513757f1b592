// Original file: logic/logic.proto

import type { Long } from '@grpc/proto-loader';

export interface RefreshReply {
  'code'?: (number);
  'msg'?: (string);
  'exp'?: (number | string | Long);
}

export interface RefreshReply__Output {
  'code': (number);
  'msg': (string);
  'exp': (string);
}
