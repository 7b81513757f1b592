// Original file: logic/logic.proto


export interface PublishReq {
  'server'?: (string);
  'uid'?: (string);
  'roomID'?: (string);
  'msgLv'?: (number);
  'data'?: (Buffer | Uint8Array | string);
}

export interface PublishReq__Output {
  'server': (string);
  'uid': (string);
  'roomID': (string);
  'msgLv': (number);
  'data': (Buffer);
}
