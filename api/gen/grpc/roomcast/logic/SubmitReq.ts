// Original file: logic/logic.proto

import type { ClientMessage as _roomcast_logic_ClientMessage, ClientMessage__Output as _roomcast_logic_ClientMessage__Output } from '../../roomcast/logic/ClientMessage';

export interface SubmitReq {
  'items'?: (_roomcast_logic_ClientMessage)[];
  'id'?: (number);
}

export interface SubmitReq__Output {
  'items': (_roomcast_logic_ClientMessage__Output)[];
  'id': (number);
}
