// The socket.io peer of the bench: a socket.io 4 server as a user would write one (plain Node http server,
// default settings but the websocket transport only and no compression), optionally scaled out over Redis
// with @socket.io/redis-adapter. Members join one room and send "msg" events into it; a business service
// sends into a room with POST /msg {"room_id","msg"}, like roomcast's.
//   SOCKETIO_PORT          the port to listen on, on 127.0.0.1
//   SOCKETIO_REDIS_URL     optional: redis://host:port, joins the nodes that share it
//   SOCKETIO_REDIS_PREFIX  the adapter's key prefix (one per bench run, so runs do not mix)
import * as http from "node:http";
import { Server } from "socket.io";
import { createAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";

const port = Number(process.env.SOCKETIO_PORT ?? 3300);
const redisUrl = process.env.SOCKETIO_REDIS_URL;
const redisPrefix = process.env.SOCKETIO_REDIS_PREFIX || "socket.io";
const maxBody = 1e6;

function answer(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

const httpServer = http.createServer((req, res) => {
  if (req.method !== "POST" || req.url !== "/msg") return answer(res, 404, { code: 0, msg: "not found" });
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  req.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size > maxBody) tooLarge = true;
    else chunks.push(chunk);
  });
  req.on("error", () => res.destroy());
  req.on("end", () => {
    if (tooLarge) return answer(res, 413, { code: 0, msg: "body too large" });
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      return answer(res, 400, { code: 0, msg: "bad json" });
    }
    const { room_id: room, msg } = (parsed ?? {}) as { room_id?: unknown; msg?: unknown };
    if (typeof room !== "string" || room === "" || typeof msg !== "string") {
      return answer(res, 400, { code: 0, msg: "room_id and msg must be strings" });
    }
    io.to(room).emit("msg", msg);
    answer(res, 200, { code: 1 });
  });
});

const io = new Server(httpServer, {
  transports: ["websocket"],
  perMessageDeflate: false,
  maxHttpBufferSize: 1e6,
});

interface SocketData {
  room?: string;
}

io.on("connection", (socket) => {
  // handshake.auth.token is the bench's opaque token: accepted as is.
  const data = socket.data as SocketData;
  socket.on("join", (room: unknown, ack: unknown) => {
    if (typeof room !== "string") return;
    if (data.room && data.room !== room) void socket.leave(data.room);
    data.room = room;
    void socket.join(room);
    if (typeof ack === "function") ack();
  });
  socket.on("msg", (body: unknown) => {
    if (data.room === undefined || typeof body !== "string") return;
    io.to(data.room).emit("msg", body);
  });
});

type Redis = ReturnType<typeof createClient>;
const redisClients: Redis[] = [];

async function main(): Promise<void> {
  if (redisUrl) {
    const pub = createClient({ url: redisUrl });
    const sub = pub.duplicate();
    for (const c of [pub, sub]) c.on("error", (err: Error) => console.error(`redis: ${err.message}`));
    await Promise.all([pub.connect(), sub.connect()]);
    redisClients.push(pub, sub);
    io.adapter(createAdapter(pub, sub, { key: redisPrefix }));
  }
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(port, "127.0.0.1", () => resolve());
  });
  console.log(`socketio ready ${port}`);
}

let stopping = false;
function stop(): void {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(0), 5_000).unref();
  io.close(() => {
    void Promise.allSettled(redisClients.map((c) => c.quit())).then(() => process.exit(0));
  });
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);

main().catch((err: Error) => {
  console.error(`socketio: ${err.message}`);
  process.exit(1);
});
