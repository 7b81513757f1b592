// Original file: logic/logic.proto


export interface PublishReply {
  'code'?: (number);
  'msg'?: (string);
}

export interface PublishReply__Output {
  'code': (number);
  'msg': (string);
}
