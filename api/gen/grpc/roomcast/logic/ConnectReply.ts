// Original file: logic/logic.proto

import type { Long } from '@grpc/proto-loader';

export interface ConnectReply {
  'code'?: (number);
  'msg'?: (string);
  'uid'?: (string);
  'exp'?: (number | string | Long);
}

export interface ConnectReply__Output {
  'code': (number);
  'msg': (string);
  'uid': (string);
  'exp': (string);
}
