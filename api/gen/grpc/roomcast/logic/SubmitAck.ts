// Original file: logic/logic.proto

import type { Result as _roomcast_logic_Result, Result__Output as _roomcast_logic_Result__Output } from '../../roomcast/logic/Result';

export interface SubmitAck {
  'results'?: (_roomcast_logic_Result)[];
  'id'?: (number);
  'error'?: (string);
}

export interface SubmitAck__Output {
  'results': (_roomcast_logic_Result__Output)[];
  'id': (number);
  'error': (string);
}
