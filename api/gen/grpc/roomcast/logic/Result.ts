// Original file: logic/logic.proto


export interface Result {
  'code'?: (number);
  'msg'?: (string);
}

export interface Result__Output {
  'code': (number);
  'msg': (string);
}
