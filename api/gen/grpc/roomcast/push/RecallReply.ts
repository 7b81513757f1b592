// Original file: push/push.proto


export interface RecallReply {
  'found'?: (boolean);
}

export interface RecallReply__Output {
  'found': (boolean);
}
