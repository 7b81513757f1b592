export * from "./token";
