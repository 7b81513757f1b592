// Original file: logic/logic.proto


export interface DisconnectReply {
}

export interface DisconnectReply__Output {
}
