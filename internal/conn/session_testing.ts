// Test helpers for the session tests: a transport without a socket, a logic that answers from fixed tokens.
import { PackageType, decodeErr, decodeReply, RoomcastError, ErrCode } from "@roomcast/pkg/protocol";
import type { ClientMessage, LogicLink } from "@roomcast/pkg/link";
import { silentLogger } from "@roomcast/pkg/log";
import { Session, type SessionDeps } from "./session";
import { Rooms } from "./room";
import { OnlineReporter } from "./online";
import type { Transport } from "./transport";

export class FakeTransport implements Transport {
  sent: Uint8Array[] = [];
  topics = new Set<string>();
  closedWith?: number;
  buffered = 0;
  send(f: Uint8Array | string) {
    if (typeof f === "string") throw new Error("a protobuf session sent a text frame");
    this.sent.push(f);
  }
  close(code: number) {
    this.closedWith = code;
  }
  subscribe(t: string) {
    this.topics.add(t);
  }
  unsubscribe(t: string) {
    this.topics.delete(t);
  }
  bufferedAmount() {
    return this.buffered;
  }
  errs() {
    return this.sent
      .map((f) => decodeReply(f))
      .filter((r) => r.type === PackageType.UNKNOWN)
      .map((r) => decodeErr(r.data).code);
  }
}

/** The expiry of the token "good", unix seconds; "fresh-<exp>" is a fresh token that expires at <exp>. */
export const GOOD_EXP = 2_000_000_000;

export function fakeLogic(published: ClientMessage[]): LogicLink {
  return {
    async connect(a) {
      if (a.token === "good") return { uid: "u1", exp: GOOD_EXP, access: { openRooms: true } };
      if (a.token === "logic-down") throw new RoomcastError(ErrCode.INTERNAL, "logic unavailable, try again");
      throw new RoomcastError(ErrCode.INVALID_TOKEN, "invalid or expired token");
    },
    async refresh(r) {
      const exp = Number(r.token.match(/^fresh-(\d+)$/)?.[1]);
      if (!exp) throw new RoomcastError(ErrCode.INVALID_TOKEN, "invalid or expired token");
      if (r.uid !== "u1") throw new RoomcastError(ErrCode.INVALID_TOKEN, "the fresh token is for another uid than the connection's");
      return { exp, access: { openRooms: true } };
    },
    async submit(m) {
      published.push(m);
      return `id-${published.length}`;
    },
    async recallOwn(r) {
      if (r.id === "not-mine") throw new RoomcastError(ErrCode.NOT_YOUR_MESSAGE, "message not-mine was sent by another uid");
    },
    async reportOnline(a) {
      return { rooms: new Map([...a.rooms].map(([k, v]) => [k, v + 10])) };
    },
    async close() {},
  };
}

export function setup() {
  const published: ClientMessage[] = [];
  const frames: Array<[string, Uint8Array | string]> = [];
  const rooms = new Rooms((topic, frame) => frames.push([topic, frame]));
  const logic = fakeLogic(published);
  const log = silentLogger();
  const deps: SessionDeps = {
    logic,
    rooms,
    online: new OnlineReporter("conn-test", rooms, logic, 1000, log),
    limits: { maxMessageBytes: 100, maxBadFrames: 3, messagesPerSec: 1, messageBurst: 2, maxRooms: 3 },
    counters: { signIns: 0, signInFailures: 0, messagesIn: 0, badFrames: 0 },
    log,
    announceTimeoutMs: 1000,
    connNode: "conn-test",
  };
  const t = new FakeTransport();
  const s = new Session("k1", t, deps);
  return { s, t, rooms, published, frames, deps };
}
