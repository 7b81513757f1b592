// Original file: logic/logic.proto


export interface ConnectReq {
  'token'?: (string);
  'roomID'?: (string);
}

export interface ConnectReq__Output {
  'token': (string);
  'roomID': (string);
}
