export * from "./log";
