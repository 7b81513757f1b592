// Original file: push/push.proto


export interface PushReq {
  'roomID'?: (string);
  'uid'?: (string);
  'connID'?: (string);
  'broadcast'?: (boolean);
  'data'?: (Buffer | Uint8Array | string);
  'type'?: (string);
  'target'?: "roomID"|"uid"|"connID"|"broadcast";
}

export interface PushReq__Output {
  'roomID'?: (string);
  'uid'?: (string);
  'connID'?: (string);
  'broadcast'?: (boolean);
  'data': (Buffer);
  'type': (string);
  'target'?: "roomID"|"uid"|"connID"|"broadcast";
}
