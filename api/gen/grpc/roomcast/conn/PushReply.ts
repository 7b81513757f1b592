// Original file: conn/conn.proto


export interface PushReply {
  'delivered'?: (number);
}

export interface PushReply__Output {
  'delivered': (number);
}
