// The generated protobufjs messages alone (no gRPC, no Node built-ins), so browser bundles can import them.
import { roomcast as messages } from "./gen/messages.js";

export const protocol = messages.protocol;
export const queue = messages.queue;
export type { roomcast } from "./gen/messages.js";
