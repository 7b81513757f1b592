// Original file: push/push.proto

import type { Long } from '@grpc/proto-loader';

export interface PushReply {
  'connections'?: (number | string | Long);
  'id'?: (string);
}

export interface PushReply__Output {
  'connections': (string);
  'id': (string);
}
