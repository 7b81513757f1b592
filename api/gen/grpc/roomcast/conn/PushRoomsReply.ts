// Original file: conn/conn.proto


export interface PushRoomsReply {
  'delivered'?: (number);
}

export interface PushRoomsReply__Output {
  'delivered': (number);
}
