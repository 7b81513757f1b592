// Original file: logic/logic.proto

import type { PublishReply as _roomcast_logic_PublishReply, PublishReply__Output as _roomcast_logic_PublishReply__Output } from '../../roomcast/logic/PublishReply';

export interface PublishBatchReply {
  'results'?: (_roomcast_logic_PublishReply)[];
  'id'?: (number);
  'error'?: (string);
}

export interface PublishBatchReply__Output {
  'results': (_roomcast_logic_PublishReply__Output)[];
  'id': (number);
  'error': (string);
}
