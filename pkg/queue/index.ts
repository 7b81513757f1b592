export * from "./queue";
export * from "./memory";
export * from "./nsq";
export * from "./partition";
export * from "./copies";
