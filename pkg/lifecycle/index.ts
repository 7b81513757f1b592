export * from "./shutdown";
export * from "./boot";
