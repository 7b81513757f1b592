export * from "./history";
export * from "./retention";
export * from "./memory";
export * from "./redis";
export * from "./from_config";
export * from "./page";
