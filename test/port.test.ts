// A port belongs to one process unless the config says sibling conn processes share it: a second roomcast on the
// same ports exits at once, naming the port and the process that holds it, and the first keeps every client.
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { mkdtempSync } from "node:fs";
import { Tokens } from "@roomcast/pkg/token";
import { RoomClient } from "./harness/room_client";
import { startStandalone, tsProc, TOKEN_SECRET, type Target } from "./harness/roomcast";
import { post } from "./suite/protocol";

const tokens = new Tokens({ secret: TOKEN_SECRET, ttlSec: 600 });
const logDir = mkdtempSync(path.join(os.tmpdir(), "roomcast-port-"));
let first: Target;
const clients: RoomClient[] = [];

beforeAll(async () => {
  first = await startStandalone();
}, 60_000);
afterAll(async () => {
  for (const c of clients) c.terminate();
  await first?.stop();
});

const portOf = (url: string) => Number(new URL(url).port);

describe("ports", () => {
  it("a second standalone on the same ports exits 1 within seconds, naming the port and the first process; the first keeps every client", async () => {
    const room = `port-${Date.now()}`;
    for (let i = 0; i < 2; i++) clients.push((await RoomClient.join(first.wsUrls[0]!, tokens.sign(`before-${i}`), room)).keepAlive(1000));
    const ws = portOf(first.wsUrls[0]!);
    const second = tsProc(
      "standalone-2",
      "cmd/standalone/main.ts",
      {
        ROOMCAST_CONN_WS_PORT: String(ws),
        ROOMCAST_LOGIC_HTTP_PORT: String(portOf(first.httpUrls[0]!)),
        ROOMCAST_LOGIC_TOKEN_SECRET: TOKEN_SECRET,
      },
      logDir,
    );
    let exited = false;
    const code = await Promise.race([second.exited.then((c) => ((exited = true), c)), new Promise((r) => setTimeout(r, 15_000))]);
    if (!exited) await second.kill9();
    expect(code).toBe(1);
    expect(second.output()).toContain(
      `cannot listen on 127.0.0.1:${ws} for WebSocket clients: it is taken by pid ${first.procs[0]!.child.pid}`,
    );

    // Every new connection lands on the first process, and everyone gets what is posted there.
    for (let i = 0; i < 6; i++) clients.push((await RoomClient.join(first.wsUrls[0]!, tokens.sign(`after-${i}`), room)).keepAlive(1000));
    const r = await post(
      `${first.httpUrls[0]}/msg`,
      { room_id: room, msg: "still one process" },
      { authorization: tokens.sign("svc", "push") },
    );
    expect(r.status).toBe(200);
    const got = await Promise.all(clients.map((c) => c.waitForMessages((r) => r.some((m) => m.text === "still one process"), 10_000)));
    expect(got.map((r) => r.some((m) => m.text === "still one process"))).toEqual(Array(8).fill(true));
  }, 60_000);

  it("a conn node whose gRPC port is taken exits 1 naming the port, what it was for and who holds it", async () => {
    const squatter = net.createServer();
    const port = await new Promise<number>((resolve) =>
      squatter.listen(0, "127.0.0.1", () => resolve((squatter.address() as net.AddressInfo).port)),
    );
    try {
      const conn = tsProc(
        "conn-taken",
        "cmd/conn/main.ts",
        {
          ROOMCAST_CONN_WS_PORT: "0",
          ROOMCAST_CONN_GRPC_PORT: String(port),
          ROOMCAST_CONN_DISCOVERY_KIND: "static",
          ROOMCAST_CONN_DISCOVERY_STATIC_LOGIC: "logic-0=127.0.0.1:1",
        },
        logDir,
      );
      let exited = false;
      const code = await Promise.race([conn.exited.then((c) => ((exited = true), c)), new Promise((r) => setTimeout(r, 15_000))]);
      if (!exited) await conn.kill9();
      expect(code).toBe(1);
      expect(conn.output()).toContain(`cannot listen on 127.0.0.1:${port} for gRPC: it is taken by pid ${process.pid}`);
    } finally {
      squatter.close();
    }
  }, 30_000);
});
