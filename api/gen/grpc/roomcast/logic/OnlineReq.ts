// Original file: logic/logic.proto


export interface OnlineReq {
  'connNode'?: (string);
  'rooms'?: ({[key: string]: number});
  'full'?: (boolean);
}

export interface OnlineReq__Output {
  'connNode': (string);
  'rooms': ({[key: string]: number});
  'full': (boolean);
}
