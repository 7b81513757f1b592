// Original file: logic/logic.proto


export interface OnlineReq {
  'server'?: (string);
  'rooms'?: ({[key: string]: number});
  'full'?: (boolean);
}

export interface OnlineReq__Output {
  'server': (string);
  'rooms': ({[key: string]: number});
  'full': (boolean);
}
