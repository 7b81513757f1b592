export { ConnNode, type ConnNodeDeps } from "./node";
export { type ConnConfig, defaultConnConfig } from "./config";
export { ConnGrpcServer, type PushTarget } from "./push_grpc";
export { GrpcLogicLink } from "./logic_grpc";
export { DirectLogicLink } from "./logic_direct";
export type { LogicLink } from "./logic_link";
export { loadNativeUws, type LoadedUws } from "./uws";
