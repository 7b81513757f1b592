export * from "./rpc";
export * from "./peers";
