export { JobService, type JobDeps } from "./job";
export { jobFromConfig, type JobWiring } from "./from_config";
export { type JobConfig, defaultJobConfig } from "./config";
export { RoomWindow, type PendingRoom, type WindowLimits } from "./room_window";
export { GrpcConnLink } from "./conn_grpc";
