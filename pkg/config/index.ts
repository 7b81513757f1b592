export * from "./load";
export * from "./common";
export * from "./env";
export * from "./tls";
