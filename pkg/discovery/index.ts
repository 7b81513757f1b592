export * from "./discovery";
export * from "./static";
export * from "./etcd";
export * from "./from_config";
export * from "./claims";
