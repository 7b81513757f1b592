// Original file: logic/logic.proto


export interface Result {
  'code'?: (number);
  'msg'?: (string);
  'id'?: (string);
}

export interface Result__Output {
  'code': (number);
  'msg': (string);
  'id': (string);
}
