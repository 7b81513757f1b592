export * from "./shutdown";
export * from "./boot";
export * from "./failure";
export * from "./listen";
export * from "./ops";
export * from "./readiness";
