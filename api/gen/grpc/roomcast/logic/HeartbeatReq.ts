// Original file: logic/logic.proto


export interface HeartbeatReq {
  'server'?: (string);
  'key'?: (string);
  'uid'?: (string);
  'roomID'?: (string);
}

export interface HeartbeatReq__Output {
  'server': (string);
  'key': (string);
  'uid': (string);
  'roomID': (string);
}
