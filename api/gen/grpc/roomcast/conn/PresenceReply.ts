// Original file: conn/conn.proto


export interface PresenceReply {
  'uids'?: (string)[];
  'total'?: (number);
}

export interface PresenceReply__Output {
  'uids': (string)[];
  'total': (number);
}
