export * from "./shutdown";
