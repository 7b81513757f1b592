export { JobService, type JobDeps } from "./job";
export { type JobConfig, defaultJobConfig } from "./config";
export { Batcher, type Batch, type BatchLimits } from "./batcher";
export { GrpcConnLink } from "./conn_grpc";
export { DirectConnLink } from "./conn_direct";
export type { ConnLink } from "./conn_link";
export { serveJobHttp } from "./http";
