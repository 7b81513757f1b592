// Original file: push/push.proto

import type { Long } from '@grpc/proto-loader';

export interface PushReply {
  'connections'?: (number | string | Long);
}

export interface PushReply__Output {
  'connections': (string);
}
