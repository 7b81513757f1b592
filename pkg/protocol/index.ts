export * from "./codes";
export * from "./errors";
export * from "./framing";
export * from "./codec";
export * from "./wire";
export * from "./json";
export * from "./rooms";
export * from "./history_codec";
