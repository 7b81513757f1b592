// The gRPC Push API (api/push/push.proto), on standalone and on a cluster's logic nodes: the same targets, token and
// claims as POST /msg.
import { grpc } from "@roomcast/pkg/rpc";
import {
  pushService,
  type PushClient,
  type ServicePushReply__Output,
  type ServicePushReq,
  type ServiceRecallReply__Output,
} from "@roomcast/api";
import { MsgLevel } from "@roomcast/pkg/protocol";
import { Tokens } from "@roomcast/pkg/token";
import { RoomClient } from "../harness/room_client";
import { TOKEN_SECRET } from "../harness/roomcast";
import type { Target } from "../harness/roomcast";
import { sleep } from "../support/wait";

const tokens = new Tokens({ secret: TOKEN_SECRET, ttlSec: 600 });
let seq = 0;
const unique = (tag: string) => `${tag}-${process.pid}-${++seq}`;

type Outcome = { connections: number } | { code: grpc.status; details: string };
type Refusal = { code: grpc.status; details: string };

export function pushApiSuite(getTarget: () => Target): void {
  describe("gRPC Push API", () => {
    const clients: RoomClient[] = [];
    let api: PushClient;
    beforeAll(() => {
      const Push = pushService();
      const addrs = getTarget().pushGrpcAddrs;
      api = new Push(addrs[addrs.length - 1]!, grpc.credentials.createInsecure());
    });
    afterAll(() => api.close());
    afterEach(() => {
      for (const c of clients.splice(0)) c.terminate();
    });

    const call = (req: ServicePushReq, token: string | null = tokens.sign("svc", "push")): Promise<Outcome> => {
      const md = new grpc.Metadata();
      if (token !== null) md.set("authorization", `Bearer ${token}`);
      return new Promise((resolve) =>
        api.Push(req, md, { deadline: Date.now() + 5_000 }, (err: grpc.ServiceError | null, r?: ServicePushReply__Output) =>
          resolve(err ? { code: err.code, details: err.details } : { connections: Number(r!.connections) }),
        ),
      );
    };
    const metadata = (token: string | null) => {
      const md = new grpc.Metadata();
      if (token !== null) md.set("authorization", `Bearer ${token}`);
      return md;
    };
    /** Push answering the message's id too. */
    const pushWithId = (req: ServicePushReq): Promise<{ connections: number; id: string } | Refusal> =>
      new Promise((resolve) =>
        api.Push(req, metadata(tokens.sign("svc", "push")), { deadline: Date.now() + 5_000 }, (err, r?: ServicePushReply__Output) =>
          resolve(err ? { code: err.code, details: err.details } : { connections: Number(r!.connections), id: r!.id }),
        ),
      );
    const recall = (roomID: string, id: string, token: string | null = tokens.sign("svc", "push")): Promise<{ found: boolean } | Refusal> =>
      new Promise((resolve) =>
        api.Recall({ roomID, id }, metadata(token), { deadline: Date.now() + 5_000 }, (err, r?: ServiceRecallReply__Output) =>
          resolve(err ? { code: err.code, details: err.details } : { found: r!.found }),
        ),
      );
    const join = async (i: number, uid: string, room = "") => {
      const urls = getTarget().wsUrls;
      const c = await RoomClient.join(urls[i % urls.length]!, tokens.sign(uid), room);
      clients.push(c.keepAlive(1000));
      return c;
    };

    it("pushes to a user on both conn nodes, to one connection, to a room and to everyone, with a type", async () => {
      const uid = unique("grpc-user");
      const room = unique("grpc-room");
      const a = await join(0, uid);
      const b = await join(1, uid, room);
      expect(await call({ uid, data: Buffer.from("to the user"), type: "notice" })).toEqual({ connections: expect.any(Number) });
      expect(await call({ connID: a.connID, data: Buffer.from("to a") })).toEqual({ connections: 1 });
      expect(await call({ roomID: room, data: Buffer.from("to the room") })).toEqual({ connections: expect.any(Number) });
      expect(await call({ broadcast: true, data: Buffer.from(`to all ${uid}`) })).toEqual({ connections: expect.any(Number) });
      const texts = async (c: RoomClient, n: number) => (await c.waitForMessages(n)).map((m) => `${m.roomID}|${m.text}|${m.type}`);
      expect(await texts(a, 3)).toEqual([`user:${uid}|to the user|notice`, `conn:${a.connID}|to a|`, `|to all ${uid}|`]);
      expect((await texts(b, 3)).sort()).toEqual([`${room}|to the room|`, `user:${uid}|to the user|notice`, `|to all ${uid}|`].sort());
      await sleep(300);
      expect([a.received.length, b.received.length]).toEqual([3, 3]);
      expect(a.received.every((m) => m.msgLv === MsgLevel.IMPORTANT)).toBe(true);
    }, 30_000);

    it("refuses as POST /msg does, with gRPC statuses, and logic keeps serving", async () => {
      const S = grpc.status;
      const outcomes = await Promise.all([
        call({ uid: "u", data: Buffer.from("x") }, null),
        call({ uid: "u", data: Buffer.from("x") }, "not-a-jwt"),
        call({ uid: "u", data: Buffer.from("x") }, tokens.sign("user-token")),
        call({ data: Buffer.from("x") }),
        call({ uid: "", data: Buffer.from("x") }),
        call({ uid: "u", data: Buffer.alloc(65 * 1024) }),
        call({ uid: "u", data: Buffer.from("x"), type: "t".repeat(65) }),
        call({ roomID: "lobby", data: Buffer.from("x") }, tokens.sign("svc", "push", undefined, ["game-*"])),
        call({ broadcast: true, data: Buffer.from("x") }, tokens.sign("svc", "push", undefined, ["game-*"])),
      ]);
      expect(outcomes.map((o) => ("code" in o ? o.code : "ok"))).toEqual([
        S.UNAUTHENTICATED,
        S.UNAUTHENTICATED,
        S.UNAUTHENTICATED,
        S.INVALID_ARGUMENT,
        S.INVALID_ARGUMENT,
        S.INVALID_ARGUMENT,
        S.INVALID_ARGUMENT,
        S.PERMISSION_DENIED,
        S.PERMISSION_DENIED,
      ]);
      expect(await call({ uid: "u", data: Buffer.from("still serving") })).toEqual({ connections: 0 });
    }, 30_000);

    it("recalls a pushed message by the id Push answered: the room gets $recall, history no longer holds it", async () => {
      const room = unique("grpc-recall");
      const a = await join(0, "alice", room);
      const pushed = await pushWithId({ roomID: room, data: Buffer.from("wrong price") });
      if ("code" in pushed) throw new Error(`push refused: ${pushed.details}`);
      expect(pushed.id).toMatch(/./);
      await a.waitForMessages(1);
      expect(a.received[0]!.id).toBe(pushed.id);
      expect(await recall(room, pushed.id)).toEqual({ found: true });
      const [, event] = await a.waitForMessages(2);
      expect([event!.type, event!.text]).toEqual(["$recall", pushed.id]);
      expect(await recall(room, pushed.id)).toEqual({ found: false });
      const S = grpc.status;
      const refusals = await Promise.all([
        recall(room, pushed.id, null),
        recall("", pushed.id),
        recall(room, ""),
        recall(room, pushed.id, tokens.sign("svc", "push", undefined, ["game-*"])),
      ]);
      expect(refusals.map((o) => ("code" in o ? o.code : "ok"))).toEqual([
        S.UNAUTHENTICATED,
        S.INVALID_ARGUMENT,
        S.INVALID_ARGUMENT,
        S.PERMISSION_DENIED,
      ]);
    }, 30_000);
  });
}
