// job's gRPC link against conn's real gRPC server on loopback: pushes ride one PushStream per conn node.
import { connService } from "@roomcast/api";
import { StaticDiscovery } from "@roomcast/pkg/discovery";
import { silentLogger } from "@roomcast/pkg/log";
import { MsgLevel, packMessages, unpackMessages } from "@roomcast/pkg/protocol";
import { grpc, bindServer, StreamRequestError } from "@roomcast/pkg/rpc";
import { ConnGrpcServer, type PushTarget } from "../conn/push_grpc";
import { GrpcConnLink } from "./conn_grpc";
import type { RoomBatch } from "./conn_link";

/** A conn node's rooms as the gRPC server sees them: what was delivered, in order; room "broken" throws. */
class Rooms implements PushTarget {
  delivered: string[] = [];
  pushRoom(roomID: string, _lv: MsgLevel, batch: Uint8Array): number {
    if (roomID === "broken") throw new Error("room broken is not deliverable");
    for (const m of unpackMessages(batch)) this.delivered.push(`${roomID}:${Buffer.from(m).toString()}`);
    return 3;
  }
  pushAll(): number {
    return 0;
  }
}

const batch = (roomID: string, ...texts: string[]): RoomBatch => ({
  roomID,
  msgLv: MsgLevel.IMPORTANT,
  batch: packMessages(texts.map((t) => Buffer.from(t))),
  count: texts.length,
});

const links: GrpcConnLink[] = [];
const servers: Array<{ close(graceMs?: number): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(links.splice(0).map((l) => l.close()));
  await Promise.all(servers.splice(0).map((s) => s.close(100)));
});

async function linkTo(port: number, timeoutMs = 5_000): Promise<GrpcConnLink> {
  const discovery = new StaticDiscovery({ conn: [{ id: "conn-0", addrs: { grpc: `127.0.0.1:${port}` } }] });
  const link = await GrpcConnLink.start(discovery, timeoutMs, silentLogger());
  links.push(link);
  return link;
}

async function startConn(rooms: Rooms, port = 0): Promise<{ server: ConnGrpcServer; port: number }> {
  const server = new ConnGrpcServer(rooms);
  servers.push(server);
  return { server, port: await server.listen("127.0.0.1", port) };
}

describe("job → conn push stream", () => {
  it("pushes sent at once all arrive, in order, and each resolves when the conn node took it", async () => {
    const rooms = new Rooms();
    const { port } = await startConn(rooms);
    const link = await linkTo(port);
    await Promise.all([
      link.pushRooms("conn-0", [batch("a", "1", "2"), batch("b", "x")]),
      link.pushRooms("conn-0", [batch("a", "3")]),
      link.pushRooms("conn-0", [batch("c", "only")]),
    ]);
    expect(rooms.delivered).toEqual(["a:1", "a:2", "b:x", "a:3", "c:only"]);
  });

  it("a batch the conn node cannot deliver fails its own push; the stream goes on serving", async () => {
    const rooms = new Rooms();
    const { port } = await startConn(rooms);
    const link = await linkTo(port);
    const results = await Promise.allSettled([
      link.pushRooms("conn-0", [batch("a", "before")]),
      link.pushRooms("conn-0", [batch("broken", "lost")]),
      link.pushRooms("conn-0", [batch("a", "after")]),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(String((results[1] as PromiseRejectedResult).reason)).toContain("room broken is not deliverable");
    expect(rooms.delivered).toEqual(["a:before", "a:after"]);
  });

  it("a conn node that stops ends the stream at once; a push to it fails, and once it is back a new stream reaches it", async () => {
    const rooms = new Rooms();
    const first = await startConn(rooms);
    const link = await linkTo(first.port);
    await link.pushRooms("conn-0", [batch("a", "1")]);
    // A graceful stop that waited for job to hang up would take the whole grace period.
    let waiting: NodeJS.Timeout | undefined;
    const stopped = await Promise.race([
      first.server.close(30_000).then(() => "stopped"),
      new Promise((r) => (waiting = setTimeout(() => r("still waiting for the push stream"), 3_000))),
    ]);
    clearTimeout(waiting);
    expect(stopped).toBe("stopped");
    await expect(link.pushRooms("conn-0", [batch("a", "while down")])).rejects.toThrow(/PushStream/);

    await startConn(rooms, first.port);
    // The channel may still be in its reconnect back-off (at most 2 s): job's next pushes get through after it.
    let pushed = false;
    for (let i = 0; i < 30 && !pushed; i++) {
      pushed = await link.pushRooms("conn-0", [batch("a", `2.${i}`)]).then(
        () => true,
        () => new Promise<boolean>((r) => setTimeout(() => r(false), 200)),
      );
    }
    expect(rooms.delivered).toEqual(["a:1", expect.stringMatching(/^a:2\.\d+$/)]);
  });

  it("a push the conn node never answers fails at the deadline, and so do the ones behind it", async () => {
    // A conn that reads pushes and never acks them.
    const silent = new grpc.Server();
    silent.addService(connService().service, {
      PushAll: (_call: unknown, cb: grpc.sendUnaryData<{ delivered: number }>) => cb(null, { delivered: 0 }),
      PushStream: (call: grpc.ServerDuplexStream<unknown, unknown>) => call.on("data", () => undefined),
    });
    const port = await bindServer(silent, "127.0.0.1", 0);
    servers.push({ close: async () => void silent.forceShutdown() });
    const link = await linkTo(port, 200);
    const results = await Promise.allSettled([link.pushRooms("conn-0", [batch("a", "1")]), link.pushRooms("conn-0", [batch("a", "2")])]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    const reasons = results.map((r) => (r as PromiseRejectedResult).reason as StreamRequestError);
    expect(reasons.map((e) => [e.constructor, e.code])).toEqual([
      [StreamRequestError, grpc.status.DEADLINE_EXCEEDED],
      [StreamRequestError, grpc.status.DEADLINE_EXCEEDED],
    ]);
    expect(reasons[0]!.message).toMatch(/no ack within 200 ms/);
  });

  it("a push to a node that is not registered fails without a call", async () => {
    const link = await linkTo(1);
    await expect(link.pushRooms("conn-9", [batch("a", "1")])).rejects.toThrow("conn node conn-9 is not registered");
  });
});
