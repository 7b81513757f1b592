export * from "./discovery";
export * from "./static";
