// Original file: logic/logic.proto

import type { ConnectReq as _roomcast_logic_ConnectReq, ConnectReq__Output as _roomcast_logic_ConnectReq__Output } from '../../roomcast/logic/ConnectReq';

export interface ConnectBatch {
  'items'?: (_roomcast_logic_ConnectReq)[];
  'id'?: (number);
}

export interface ConnectBatch__Output {
  'items': (_roomcast_logic_ConnectReq__Output)[];
  'id': (number);
}
