// Original file: logic/logic.proto


export interface ConnectReply {
  'code'?: (number);
  'msg'?: (string);
  'uid'?: (string);
}

export interface ConnectReply__Output {
  'code': (number);
  'msg': (string);
  'uid': (string);
}
