// Original file: conn/conn.proto


export interface PushRoomReq {
  'roomID'?: (string);
  'msgLv'?: (number);
  'batch'?: (Buffer | Uint8Array | string);
  'count'?: (number);
}

export interface PushRoomReq__Output {
  'roomID': (string);
  'msgLv': (number);
  'batch': (Buffer);
  'count': (number);
}
