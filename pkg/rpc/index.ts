export * from "./rpc";
export * from "./peers";
export * from "./acked_stream";
