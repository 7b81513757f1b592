// Original file: conn/conn.proto


export interface PushAllReq {
  'msgLv'?: (number);
  'batch'?: (Buffer | Uint8Array | string);
  'count'?: (number);
}

export interface PushAllReq__Output {
  'msgLv': (number);
  'batch': (Buffer);
  'count': (number);
}
