export * from "./rpc";
export * from "./peers";
export * from "./acked_stream";
export * from "./server";
export * from "./errors";
