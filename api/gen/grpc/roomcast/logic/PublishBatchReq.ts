// Original file: logic/logic.proto

import type { PublishReq as _roomcast_logic_PublishReq, PublishReq__Output as _roomcast_logic_PublishReq__Output } from '../../roomcast/logic/PublishReq';

export interface PublishBatchReq {
  'items'?: (_roomcast_logic_PublishReq)[];
  'id'?: (number);
}

export interface PublishBatchReq__Output {
  'items': (_roomcast_logic_PublishReq__Output)[];
  'id': (number);
}
