// Original file: conn/conn.proto


export interface PushAck {
  'id'?: (number);
  'delivered'?: (number);
  'error'?: (string);
}

export interface PushAck__Output {
  'id': (number);
  'delivered': (number);
  'error': (string);
}
