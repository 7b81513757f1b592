// Original file: logic/logic.proto


export interface RecallReq {
  'uid'?: (string);
  'roomID'?: (string);
  'id'?: (string);
}

export interface RecallReq__Output {
  'uid': (string);
  'roomID': (string);
  'id': (string);
}
