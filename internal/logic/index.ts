export { LogicService, type LogicDeps } from "./logic";
export { LogicHttp } from "./http";
export { ChatPage, bundleChatScript } from "./chat_page";
export { logicGrpcServer, pushGrpcServer } from "./grpc";
export { OnlineTable } from "./online";
export { logicFromConfig, type LogicParts, type LogicWiring } from "./from_config";
export { type LogicConfig, defaultLogicConfig } from "./config";
export { applyLogicMode, DEV_SECRETS, MIN_SECRET_BYTES } from "./mode";
