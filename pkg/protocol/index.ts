export * from "./codes";
export * from "./errors";
export * from "./framing";
export * from "./codec";
