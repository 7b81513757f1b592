export * from "./rpc";
