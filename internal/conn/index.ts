export { ConnNode, checkPublicUrl, type ConnNodeDeps } from "./node";
export { type ConnConfig, defaultConnConfig } from "./config";
export { connGrpcServer } from "./push_grpc";
export { GrpcLogicLink } from "./logic_grpc";
export { loadNativeUws, type LoadedUws } from "./uws";
export { GrpcPresencePeers } from "./presence_grpc";
