// A load-generator client of Centrifugo v6's JSON protocol over raw ws (centrifuge-js would weigh on the
// load generator): connects with a JWT, subscribes to its room, publishes bench bodies as JSON strings, and
// hands each publication's body to the receiver. Replies and pushes come newline-separated, several a frame.
import WebSocket from "ws";
import type { BenchConn, Connect } from "./client";

interface Reply {
  id?: number;
  error?: { code: number; message: string };
  push?: { channel?: string; pub?: { data?: unknown } };
}

const CONNECT_ID = 1;
const SUBSCRIBE_ID = 2;

export const connectCentrifugo: Connect = ({ url, token, room, localAddress }, rx) =>
  new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { localAddress, perMessageDeflate: false, handshakeTimeout: 30_000 });
    let subscribed = false;
    let failed = false;
    let closing = false;
    let nextId = SUBSCRIBE_ID + 1;
    const fail = (err: Error) => {
      if (subscribed || failed) return;
      failed = true;
      reject(err);
      ws.terminate();
    };
    const conn: BenchConn = {
      publish: (body) => ws.send(JSON.stringify({ id: nextId++, publish: { channel: room, data: body } })),
      heartbeat: () => undefined, // the server pings ({}), the client answers
      close: () => {
        closing = true;
        ws.terminate();
      },
    };
    const handle = (r: Reply) => {
      if (r.push) {
        const data = r.push.pub?.data;
        if (typeof data === "string") {
          rx.text(data);
          return 1;
        }
        return 0;
      }
      if (r.id === undefined) {
        if (ws.readyState === WebSocket.OPEN) ws.send("{}"); // a server ping
      } else if (!subscribed && (r.id === CONNECT_ID || r.id === SUBSCRIBE_ID)) {
        const what = r.id === CONNECT_ID ? "connect" : "subscribe";
        if (r.error) fail(new Error(`${what} refused: ${r.error.code} ${r.error.message}`));
        else if (r.id === CONNECT_ID) ws.send(JSON.stringify({ id: SUBSCRIBE_ID, subscribe: { channel: room } }));
        else {
          subscribed = true;
          resolve(conn);
        }
      }
      return 0;
    };
    ws.on("open", () => ws.send(JSON.stringify({ id: CONNECT_ID, connect: { token, name: "bench" } })));
    ws.on("message", (data: Buffer) => {
      const text = data.toString();
      let pubs = 0;
      let start = 0;
      while (start < text.length) {
        let end = text.indexOf("\n", start);
        if (end < 0) end = text.length;
        if (end > start) pubs += handle(JSON.parse(text.slice(start, end)) as Reply);
        start = end + 1;
      }
      if (pubs > 0) rx.frame(pubs);
    });
    ws.on("error", (err) => fail(err));
    ws.on("close", (code, reason) => {
      if (!subscribed) fail(new Error(`closed before subscribing: ${code} ${reason.toString()}`));
      else if (!closing) rx.lost(); // the server dropped it (our own close() is no loss)
    });
  });
