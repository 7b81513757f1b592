// Original file: conn/conn.proto


export interface RoomBatch {
  'roomID'?: (string);
  'msgLv'?: (number);
  'packed'?: (Buffer | Uint8Array | string);
  'count'?: (number);
  'ids'?: (string)[];
  'types'?: (string)[];
}

export interface RoomBatch__Output {
  'roomID': (string);
  'msgLv': (number);
  'packed': (Buffer);
  'count': (number);
  'ids': (string)[];
  'types': (string)[];
}
