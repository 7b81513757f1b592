// A load-generator client of socket.io (engine.io v4, socket.io protocol v5, websocket transport only) over
// the raw ws package rather than socket.io-client, so that it decodes no more than it must: it connects to
// the main namespace with {token}, joins its room with an acknowledged "join" event, answers the server's
// pings, sends "msg" events, and hands the body of each "msg" event it receives to the receiver.
//   engine.io packets: 0 open, 1 close, 2 ping, 3 pong, 4 message (a socket.io packet follows)
//   socket.io packets: 0 CONNECT, 1 DISCONNECT, 2 EVENT, 3 ACK, 4 CONNECT_ERROR
import WebSocket from "ws";
import type { BenchConn, Connect } from "./client";

const JOIN_TIMEOUT_MS = 30_000;
/** The shape every bench delivery has: 42["msg","<body>"]. */
const MSG_HEAD = '42["msg","';
const MSG_TAIL = '"]';

/** The body of a "msg" event packet, or undefined for any other packet. */
function msgBody(packet: string): string | undefined {
  if (packet.startsWith(MSG_HEAD) && packet.endsWith(MSG_TAIL)) {
    const body = packet.slice(MSG_HEAD.length, packet.length - MSG_TAIL.length);
    // Bench bodies are ASCII without quotes or backslashes; anything else is left to the JSON parser.
    if (body.indexOf('"') < 0 && body.indexOf("\\") < 0) return body;
  }
  if (!packet.startsWith('42["msg",')) return undefined;
  try {
    const event = JSON.parse(packet.slice(2)) as unknown[];
    return typeof event[1] === "string" ? event[1] : JSON.stringify(event[1]);
  } catch {
    return undefined;
  }
}

function connectErrorMessage(packet: string): string {
  try {
    const data = JSON.parse(packet.slice(2)) as { message?: unknown };
    return typeof data?.message === "string" ? data.message : packet.slice(2);
  } catch {
    return packet.slice(2);
  }
}

export const connectSocketIo: Connect = ({ url, token, room, localAddress }, rx) =>
  new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { localAddress, perMessageDeflate: false, handshakeTimeout: 30_000 });
    let joined = false;
    let closing = false;
    const fail = (err: Error) => {
      if (joined || closing) return;
      closing = true;
      clearTimeout(timer);
      ws.terminate();
      reject(err);
    };
    const timer = setTimeout(() => fail(new Error(`socket.io: not joined within ${JOIN_TIMEOUT_MS} ms`)), JOIN_TIMEOUT_MS);
    const conn: BenchConn = {
      publish: (body) => ws.send(`42["msg",${JSON.stringify(body)}]`),
      heartbeat: () => {}, // the server pings; the client answers in the message handler
      close: () => {
        closing = true;
        ws.terminate();
      },
    };
    ws.on("message", (data: Buffer, isBinary: boolean) => {
      if (isBinary) return;
      const packet = data.toString();
      switch (packet.charCodeAt(0)) {
        case 0x34: // "4": a socket.io packet
          if (packet.charCodeAt(1) === 0x32) {
            // "42": an event
            const body = msgBody(packet);
            if (body !== undefined) {
              rx.text(body);
              rx.frame(1);
            }
          } else if (joined) {
            return;
          } else if (packet.startsWith("40")) {
            ws.send(`420${JSON.stringify(["join", room])}`);
          } else if (packet.startsWith("430")) {
            joined = true;
            clearTimeout(timer);
            resolve(conn);
          } else if (packet.startsWith("44")) {
            fail(new Error(`socket.io connect error: ${connectErrorMessage(packet)}`));
          }
          return;
        case 0x32: // "2": ping
          if (ws.readyState === WebSocket.OPEN) ws.send("3");
          return;
        case 0x30: // "0": engine.io open, then connect to the main namespace
          ws.send(`40${JSON.stringify({ token })}`);
          return;
      }
    });
    ws.on("error", (err) => fail(err));
    ws.on("close", (code, reason) => {
      if (joined) {
        if (!closing) rx.lost();
      } else fail(new Error(`socket.io: closed before joined (${code} ${reason.toString()})`));
    });
  });
