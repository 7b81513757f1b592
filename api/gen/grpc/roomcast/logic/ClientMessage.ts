// Original file: logic/logic.proto


export interface ClientMessage {
  'uid'?: (string);
  'roomID'?: (string);
  'msgLv'?: (number);
  'data'?: (Buffer | Uint8Array | string);
  'type'?: (string);
}

export interface ClientMessage__Output {
  'uid': (string);
  'roomID': (string);
  'msgLv': (number);
  'data': (Buffer);
  'type': (string);
}
