export * from "./log";
export * from "./throttle";
