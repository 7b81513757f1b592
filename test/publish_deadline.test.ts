// A publish to an nsqd that accepts the connection and never answers (hung, or half-open) has a deadline,
// queue.publishTimeoutMs: POST /msg answers 503 with Retry-After instead of hanging, a client's MESSAGE gets an error
// reply, and logic keeps serving.
import * as path from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { Tokens } from "@roomcast/pkg/token";
import { freePort, killAll, type Proc } from "./harness/proc";
import { TOKEN_SECRET, tsProc } from "./harness/roomcast";
import { RoomClient } from "./harness/room_client";
import { silentServer, type SilentServer } from "./support/silent_server";

let dir: string;
let hung: SilentServer | undefined;
const procs: Proc[] = [];
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "roomcast-publish-deadline-"));
});
afterAll(async () => {
  for (const p of procs.reverse()) await p.stop();
  await killAll();
  await hung?.close();
  rmSync(dir, { recursive: true, force: true });
});

const tokens = new Tokens({ secret: TOKEN_SECRET, ttlSec: 600 });

it("POST /msg to logic whose nsqd never answers: 503 with Retry-After after the deadline; a client's MESSAGE gets an error reply; logic keeps serving", async () => {
  hung = await silentServer();
  const [http, grpc] = [await freePort(), await freePort()];
  // nsqd's TCP and HTTP addresses both lead to the server that never answers.
  const logic = tsProc(
    "logic-hung-nsqd",
    "cmd/logic/main.ts",
    {
      ROOMCAST_LOGIC_HTTP_PORT: String(http),
      ROOMCAST_LOGIC_GRPC_PORT: String(grpc),
      ROOMCAST_LOGIC_TOKEN_SECRET: TOKEN_SECRET,
      ROOMCAST_LOGIC_QUEUE_NSQD_TCP: hung.address,
      ROOMCAST_LOGIC_QUEUE_NSQD_HTTP: hung.address,
      ROOMCAST_LOGIC_QUEUE_PUBLISH_TIMEOUT_MS: "1000",
      ROOMCAST_LOGIC_DISCOVERY_KIND: "static",
    },
    dir,
  );
  procs.push(logic);
  await logic.waitFor("logic ready", 30_000);
  const conn = tsProc(
    "conn-hung-nsqd",
    "cmd/conn/main.ts",
    {
      ROOMCAST_CONN_WS_PORT: String(await freePort()),
      ROOMCAST_CONN_GRPC_PORT: String(await freePort()),
      ROOMCAST_CONN_DISCOVERY_KIND: "static",
      ROOMCAST_CONN_DISCOVERY_STATIC_LOGIC: `logic-0=127.0.0.1:${grpc}`,
    },
    dir,
  );
  procs.push(conn);
  await conn.waitFor("conn ready", 30_000);
  const ws = `ws://127.0.0.1:${/"ws":(\d+)/.exec(conn.output())![1]}/room`;

  const push = tokens.sign("svc", "push");
  const postMsg = async (msg: string) => {
    // Far above the deadline: a request that hangs fails here.
    const res = await fetch(`http://127.0.0.1:${http}/msg`, {
      method: "POST",
      headers: { authorization: `Bearer ${push}` },
      body: JSON.stringify({ room_id: "lobby", msg }),
      signal: AbortSignal.timeout(20_000),
    });
    return { status: res.status, retryAfter: res.headers.get("retry-after"), json: await res.json() };
  };
  for (const msg of ["first", "second"])
    expect(await postMsg(msg)).toEqual({ status: 503, retryAfter: "1", json: { code: 0, msg: "queue unavailable" } });
  expect(hung.connections()).toBeGreaterThanOrEqual(2);

  // A client's MESSAGE goes the same way: an error reply, not silence.
  const client = await RoomClient.join(ws, tokens.sign("alice"), "lobby");
  try {
    client.say("lobby", "hello");
    expect(await client.nextErr(20_000)).toMatchObject({ code: 500 });
  } finally {
    client.close();
  }

  // logic still answers everything else, and still runs.
  const nodes = await fetch(`http://127.0.0.1:${http}/nodes`, { signal: AbortSignal.timeout(5_000) });
  expect(nodes.status).toBe(200);
  expect(logic.child.exitCode).toBeNull();
  expect(logic.output()).toContain("did not acknowledge the publish within 1000 ms");
}, 120_000);
