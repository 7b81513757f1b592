export * from "./load";
export * from "./common";
