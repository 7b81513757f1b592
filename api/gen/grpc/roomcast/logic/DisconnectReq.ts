// Original file: logic/logic.proto


export interface DisconnectReq {
  'server'?: (string);
  'key'?: (string);
  'uid'?: (string);
  'roomID'?: (string);
}

export interface DisconnectReq__Output {
  'server': (string);
  'key': (string);
  'uid': (string);
  'roomID': (string);
}
