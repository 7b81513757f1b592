// Original file: logic/logic.proto


export interface RefreshReq {
  'uid'?: (string);
  'roomID'?: (string);
  'token'?: (string);
}

export interface RefreshReq__Output {
  'uid': (string);
  'roomID': (string);
  'token': (string);
}
