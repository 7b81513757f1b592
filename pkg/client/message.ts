// One message as a room member receives it: batches are unpacked, one Message per sender's message.
import { MsgLevel } from "../protocol";

const decoder = new TextDecoder();

export class Message {
  constructor(
    readonly room: string,
    readonly level: MsgLevel,
    /** Exactly the bytes the sender sent (a view into the received frame). */
    readonly data: Uint8Array,
  ) {}

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
