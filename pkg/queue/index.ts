export * from "./queue";
export * from "./memory";
