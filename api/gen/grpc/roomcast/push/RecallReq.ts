// Original file: push/push.proto


export interface RecallReq {
  'roomID'?: (string);
  'id'?: (string);
}

export interface RecallReq__Output {
  'roomID': (string);
  'id': (string);
}
