// A load-generator client of roomcast's JSON codec (protocol 2, subprotocol roomcast.json): the same steps as the
// protobuf client, in JSON text frames; each delivered message's text goes to the receiver.
import WebSocket from "ws";
import type { BenchConn, Connect } from "./client";

interface JsonReply {
  type: string;
  data?: { code?: number; msg?: string; messages?: Array<{ text?: string }> };
}

const heartbeat = JSON.stringify({ type: "HEARTBEAT" });

export const connectRoomcastJson: Connect = ({ url, token, room, localAddress, also = [] }, rx) =>
  new Promise((resolve, reject) => {
    const ws = new WebSocket(url, "roomcast.json", { localAddress, perMessageDeflate: false, handshakeTimeout: 30_000 });
    let joined = false;
    let signedIn = false;
    let subscribing = also.length;
    const conn: BenchConn = {
      publish: (body) => ws.send(JSON.stringify({ type: "MESSAGE", data: { roomID: room, text: body } })),
      heartbeat: () => ws.readyState === WebSocket.OPEN && ws.send(heartbeat),
      close: () => ws.terminate(),
    };
    const fail = (err: Error) => {
      if (joined) return;
      joined = true;
      reject(err);
      ws.terminate();
    };
    ws.on("open", () => {
      if (ws.protocol !== "roomcast.json") return fail(new Error(`the server chose subprotocol "${ws.protocol}"`));
      ws.send(JSON.stringify({ type: "SIGN_IN", data: { token, roomID: room } }));
    });
    ws.on("message", (data: Buffer) => {
      const r = JSON.parse(data.toString()) as JsonReply;
      if (r.type === "MESSAGE") {
        const messages = r.data?.messages ?? [];
        for (const m of messages) if (m.text !== undefined) rx.text(m.text);
        rx.frame(messages.length);
        return;
      }
      if (joined) return;
      const code = r.data?.code ?? 0;
      if (r.type === "UNKNOWN" && !signedIn) {
        signedIn = true;
        if (code !== 0) return fail(new Error(`sign-in refused: ${code} ${r.data?.msg}`));
        for (const roomID of also) ws.send(JSON.stringify({ type: "SUBSCRIBE", data: { roomID } }));
      } else if (r.type === "SUBSCRIBE") {
        if (code !== 0) return fail(new Error(`subscribe refused: ${code} ${r.data?.msg}`));
        subscribing--;
      }
      if (signedIn && subscribing === 0) {
        joined = true;
        resolve(conn);
      }
    });
    ws.on("error", (err) => fail(err));
    ws.on("close", () => (joined ? rx.lost() : fail(new Error("closed before sign-in"))));
  });
