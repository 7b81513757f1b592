export { LogicService, type LogicDeps } from "./logic";
export { LogicHttp } from "./http";
export { LogicGrpcServer } from "./grpc";
export { OnlineTable } from "./online";
export { type LogicConfig, defaultLogicConfig } from "./config";
