// Original file: logic/logic.proto


export interface ConnectReq {
  'server'?: (string);
  'key'?: (string);
  'token'?: (string);
  'roomID'?: (string);
}

export interface ConnectReq__Output {
  'server': (string);
  'key': (string);
  'token': (string);
  'roomID': (string);
}
