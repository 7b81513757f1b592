// Original file: logic/logic.proto


export interface HeartbeatReply {
}

export interface HeartbeatReply__Output {
}
