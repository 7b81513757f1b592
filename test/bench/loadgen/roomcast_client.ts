// A load-generator client of the roomcast protocol (roomcast itself and the bare-uWS ceiling speak it):
// signs in, joins any further rooms (SUBSCRIBE), beats, sends MESSAGE frames, and hands each delivered message's
// bytes to the receiver unparsed.
import WebSocket from "ws";
import { MsgLevel, PackageType, decodeErr, encodeBroadcast, encodeReq, encodeRoom, encodeSignIn } from "@roomcast/pkg/protocol";
import { batchOf, eachMessage, replyParts } from "../wire";
import type { BenchConn, Connect } from "./client";

const encoder = new TextEncoder();
const heartbeatFrame = encodeReq({ type: PackageType.HEARTBEAT, data: new Uint8Array(0) });

export const connectRoomcast: Connect = ({ url, token, room, localAddress, also = [] }, rx) =>
  new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { localAddress, perMessageDeflate: false, handshakeTimeout: 30_000 });
    let joined = false;
    let signedIn = false;
    let subscribing = also.length;
    const conn: BenchConn = {
      publish: (body) =>
        ws.send(
          encodeReq({
            type: PackageType.MESSAGE,
            data: encodeBroadcast({ roomID: room, msgLv: MsgLevel.NORMAL, data: encoder.encode(body) }),
          }),
        ),
      heartbeat: () => ws.readyState === WebSocket.OPEN && ws.send(heartbeatFrame),
      close: () => ws.terminate(),
    };
    const fail = (err: Error) => {
      if (joined) return;
      joined = true;
      reject(err);
      ws.terminate();
    };
    ws.on("open", () => ws.send(encodeReq({ type: PackageType.SIGN_IN, data: encodeSignIn({ token, roomID: room }) })));
    ws.on("message", (data: Buffer) => {
      const { type, data: span } = replyParts(data);
      if (type === PackageType.MESSAGE) {
        rx.frame(eachMessage(data, batchOf(data, span), (s, e) => rx.bytes(data, s, e)));
        return;
      }
      if (joined) return;
      const err = decodeErr(data.subarray(span.start, span.end));
      if (type === PackageType.UNKNOWN && !signedIn) {
        signedIn = true;
        if (err.code !== 0) return fail(new Error(`sign-in refused: ${err.code} ${err.msg}`));
        for (const r of also) ws.send(encodeReq({ type: PackageType.SUBSCRIBE, data: encodeRoom(r) }));
      } else if (type === PackageType.SUBSCRIBE) {
        if (err.code !== 0) return fail(new Error(`subscribe refused: ${err.code} ${err.msg}`));
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
