// Original file: logic/logic.proto

import type { ConnectReply as _roomcast_logic_ConnectReply, ConnectReply__Output as _roomcast_logic_ConnectReply__Output } from '../../roomcast/logic/ConnectReply';

export interface ConnectAcks {
  'results'?: (_roomcast_logic_ConnectReply)[];
  'id'?: (number);
  'error'?: (string);
}

export interface ConnectAcks__Output {
  'results': (_roomcast_logic_ConnectReply__Output)[];
  'id': (number);
  'error': (string);
}
