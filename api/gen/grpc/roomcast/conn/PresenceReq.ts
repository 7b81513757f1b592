// Original file: conn/conn.proto


export interface PresenceReq {
  'roomID'?: (string);
  'limit'?: (number);
}

export interface PresenceReq__Output {
  'roomID': (string);
  'limit': (number);
}
