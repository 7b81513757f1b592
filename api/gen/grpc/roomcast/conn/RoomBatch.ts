// Original file: conn/conn.proto

import type { Long } from '@grpc/proto-loader';

export interface RoomBatch {
  'roomID'?: (string);
  'msgLv'?: (number);
  'packed'?: (Buffer | Uint8Array | string);
  'count'?: (number);
  'ids'?: (string)[];
  'types'?: (string)[];
  'epoch'?: (string);
  'first'?: (number | string | Long);
}

export interface RoomBatch__Output {
  'roomID': (string);
  'msgLv': (number);
  'packed': (Buffer);
  'count': (number);
  'ids': (string)[];
  'types': (string)[];
  'epoch': (string);
  'first': (string);
}
