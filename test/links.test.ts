// The tier links, direct (standalone) and gRPC over loopback (cluster), held to one contract (test/contract/links.ts).
import { connService, logicService } from "@roomcast/api";
import { ErrCode, RoomcastError } from "@roomcast/pkg/protocol";
import { StaticDiscovery } from "@roomcast/pkg/discovery";
import type { Deliverer, LogicHandler } from "@roomcast/pkg/link";
import { silentLogger } from "@roomcast/pkg/log";
import { grpc, bindServer, type RpcServer } from "@roomcast/pkg/rpc";
import { connGrpcServer, GrpcLogicLink } from "@roomcast/internal/conn";
import { GrpcConnLink } from "@roomcast/internal/job";
import { logicGrpcServer } from "@roomcast/internal/logic";
import { DirectConnLink, DirectLogicLink } from "../cmd/standalone/links";
import { connLinkContract, logicLinkContract } from "./contract/links";

/** A gRPC server that can be stopped and started again on the port it first got. */
async function restartable(build: () => RpcServer) {
  let server = build();
  const port = await server.listen("127.0.0.1", 0);
  return {
    port,
    stop: () => server.close(1_000),
    start: async () => {
      server = build();
      await server.listen("127.0.0.1", port);
    },
    close: () => server.close(100),
  };
}

logicLinkContract(
  "direct",
  async (handler: LogicHandler) => {
    const link = new DirectLogicLink(handler);
    return { link, close: () => link.close() };
  },
  false,
);

logicLinkContract(
  "gRPC",
  async (handler: LogicHandler, timeoutMs: number) => {
    const server = await restartable(() => logicGrpcServer(handler));
    const discovery = new StaticDiscovery({ logic: [{ id: "logic-0", addrs: { grpc: `127.0.0.1:${server.port}` } }] });
    const link = await GrpcLogicLink.start(discovery, timeoutMs, silentLogger());
    return {
      link,
      stopPeer: server.stop,
      startPeer: server.start,
      close: async () => {
        await link.close();
        await server.close();
      },
    };
  },
  true,
);

connLinkContract(
  "direct",
  async (node: Deliverer | "never answers") => {
    if (node === "never answers") throw new Error("a direct link has no peer to hang");
    const link = new DirectConnLink("conn-0", node);
    return { link, close: () => link.close() };
  },
  false,
);

/** A conn node that reads pushes and never acks them. */
async function silentConn(): Promise<{ port: number; close(): Promise<void> }> {
  const server = new grpc.Server();
  server.addService(connService().service, {
    PushStream: (call: grpc.ServerDuplexStream<unknown, unknown>) => call.on("data", () => undefined),
  });
  const port = await bindServer(server, "127.0.0.1", 0);
  return { port, close: async () => server.forceShutdown() };
}

/** The link contract is about deliveries; a conn node's PRESENCE part is tested with the protocol 2 suite. */
const noPresence = () => ({ uids: [], total: 0 });

connLinkContract(
  "gRPC",
  async (node: Deliverer | "never answers", timeoutMs: number) => {
    const peer =
      node === "never answers"
        ? undefined
        : await restartable(() => connGrpcServer({ deliver: (b) => node.deliver(b), presence: noPresence }));
    const server = peer ?? (await silentConn());
    const discovery = new StaticDiscovery({ conn: [{ id: "conn-0", addrs: { grpc: `127.0.0.1:${server.port}` } }] });
    const link = await GrpcConnLink.start(discovery, timeoutMs, silentLogger());
    return {
      link,
      stopPeer: peer?.stop,
      startPeer: peer?.start,
      close: async () => {
        await link.close();
        await server.close();
      },
    };
  },
  true,
);

describe("logic's unary Connect, kept for conn nodes older than ConnectStream during a rolling upgrade", () => {
  it("answers a good token with its uid and expiry, and a bad one with 101", async () => {
    const handler = {
      connect: (a: { token: string }) => {
        if (a.token !== "good") throw new RoomcastError(ErrCode.INVALID_TOKEN, "invalid token");
        return { uid: "alice", exp: 1_900_000_000, access: { openRooms: true } };
      },
    } as unknown as LogicHandler;
    const server = logicGrpcServer(handler);
    const port = await server.listen("127.0.0.1", 0);
    const Logic = logicService();
    const client = new Logic(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    const connect = (token: string) =>
      new Promise<{ code: number; uid: string; exp: string }>((resolve, reject) =>
        client.Connect({ token, roomID: "lobby" }, (err: Error | null, res?: { code: number; uid: string; exp: string }) =>
          err ? reject(err) : resolve(res!),
        ),
      );
    try {
      expect(await connect("good")).toMatchObject({ code: 0, uid: "alice", exp: "1900000000", openRooms: true });
      expect(await connect("forged")).toMatchObject({ code: ErrCode.INVALID_TOKEN, uid: "" });
    } finally {
      client.close();
      await server.close(100);
    }
  });
});
