// The ceiling: a bare uWebSockets.js server that speaks roomcast's client protocol with the same batch
// window and does nothing else (no token check, no tiers, no queue, no limits). The bench puts it beside
// roomcast to tell how much of the cost is roomcast's own.
import { loadNativeUws } from "@roomcast/internal/conn";
import {
  MsgLevel,
  PackageType,
  decodeBroadcast,
  decodeReq,
  decodeSignIn,
  deliveryFrame,
  encodeReply,
  errReply,
  packMessages,
} from "@roomcast/pkg/protocol";

// The native binary, as conn runs it (the package's pure-JS fallback would make a poor ceiling).
const { uws: uWS, implementation } = loadNativeUws();
const port = Number(process.env.CEILING_PORT ?? 3190);
const windowMs = Number(process.env.CEILING_WINDOW_MS ?? 20);
const maxMessages = 200;

interface Member {
  room: string;
}

const ok = errReply(0, "ok");
const pong = encodeReply({ type: PackageType.HEARTBEAT, data: new TextEncoder().encode("pong") });
const pending = new Map<string, { messages: Uint8Array[]; timer: NodeJS.Timeout }>();

function flush(room: string): void {
  const batch = pending.get(room);
  if (!batch) return;
  pending.delete(room);
  clearTimeout(batch.timer);
  app.publish(room, deliveryFrame(room, MsgLevel.NORMAL, packMessages(batch.messages)), true);
}

const app = uWS.App().ws<Member>("/room", {
  maxPayloadLength: 1 << 20,
  idleTimeout: 0,
  sendPingsAutomatically: false,
  maxBackpressure: 1 << 20,
  upgrade: (res, req, context) =>
    res.upgrade<Member>(
      { room: "" },
      req.getHeader("sec-websocket-key"),
      req.getHeader("sec-websocket-protocol"),
      req.getHeader("sec-websocket-extensions"),
      context,
    ),
  message: (ws, data) => {
    try {
      const req = decodeReq(new Uint8Array(data));
      const member = ws.getUserData();
      if (req.type === PackageType.SIGN_IN) {
        member.room = decodeSignIn(req.data).roomID;
        ws.subscribe(member.room);
        ws.send(ok, true);
      } else if (req.type === PackageType.HEARTBEAT) {
        ws.send(pong, true);
      } else if (req.type === PackageType.MESSAGE) {
        // Copy: the frame's memory belongs to uWS only for the duration of this call.
        const body = decodeBroadcast(req.data).data.slice();
        let batch = pending.get(member.room);
        if (!batch) pending.set(member.room, (batch = { messages: [], timer: setTimeout(flush, windowMs, member.room) }));
        batch.messages.push(body);
        if (batch.messages.length >= maxMessages) flush(member.room);
      }
    } catch {
      ws.send(errReply(102, "malformed frame"), true);
    }
  },
});

app.listen("127.0.0.1", port, (socket) => {
  if (!socket) {
    console.error(`ceiling: cannot listen on ${port}`);
    process.exit(1);
  }
  console.log(`ceiling ready ${port} (uWebSockets.js ${implementation})`);
});
process.on("SIGTERM", () => process.exit(0));
