export { LogicService, type LogicDeps } from "./logic";
export { LogicHttp } from "./http";
export { ChatPage, bundleChatScript } from "./chat_page";
export { LogicGrpcServer } from "./grpc";
export { OnlineTable } from "./online";
export { type LogicConfig, defaultLogicConfig } from "./config";
