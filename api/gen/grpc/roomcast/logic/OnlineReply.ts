// Original file: logic/logic.proto

import type { Long } from '@grpc/proto-loader';

export interface OnlineReply {
  'rooms'?: ({[key: string]: number | string | Long});
}

export interface OnlineReply__Output {
  'rooms': ({[key: string]: string});
}
