// One message as a room member receives it: batches are unpacked, one Message per sender's message.
import { MsgLevel as WireLevel } from "../protocol/codec";

/**
 * The two delivery levels, as plain numbers (the values of the protocol's MsgLevel enum, which the package's
 * types do not expose): NORMAL from room members, IMPORTANT from business services (POST /msg).
 */
export const MsgLevel = { NORMAL: 0, IMPORTANT: 1 } as const satisfies Record<keyof typeof WireLevel, WireLevel>;
export type MsgLevel = (typeof MsgLevel)[keyof typeof MsgLevel];

/**
 * Where a message came from (protocol 2), read from its room: "user" a push to this user (room `user:<uid>`), "conn" a
 * push to this one connection (`conn:<connID>`), "broadcast" a push to everyone (room ""), "room" any other room.
 */
export type MessageKind = "room" | "user" | "conn" | "broadcast";

const decoder = new TextDecoder();

export class Message {
  constructor(
    /** The room it was sent to: a room, `user:<uid>`, `conn:<connID>`, or "" for a broadcast. */
    readonly room: string,
    readonly level: MsgLevel,
    /** Exactly the bytes the sender sent (a view into the received frame). */
    readonly data: Uint8Array,
    /** The type its sender gave it (protocol 2); "" when none. */
    readonly type = "",
    /** Its id (protocol 2): IMPORTANT messages and every message of a room that keeps history; "" when none. recall() names it. */
    readonly id = "",
    /** Its offset in the room's history (protocol 2); 0 when the room keeps none. */
    readonly offset = 0,
    /** A room configured as acked: the server sends it again until the client acknowledges it (the SDK does, unless autoAck is off). */
    readonly needsAck = false,
  ) {}

  get kind(): MessageKind {
    if (this.room === "") return "broadcast";
    if (this.room.startsWith("user:")) return "user";
    return this.room.startsWith("conn:") ? "conn" : "room";
  }

  /** IMPORTANT messages come from business services (POST /msg); NORMAL ones from room members. */
  get important(): boolean {
    return this.level === MsgLevel.IMPORTANT;
  }

  /** The bytes as UTF-8 text. */
  text(): string {
    return decoder.decode(this.data);
  }

  /** The text parsed as JSON; throws SyntaxError if it is not JSON. */
  json<T = unknown>(): T {
    return JSON.parse(this.text()) as T;
  }
}
