// An in-memory WebSocket for the SDK's unit tests: the test plays the server, in either codec, with the server's own
// encoders (pkg/protocol's protoWire and jsonWire), so what the SDK sends and reads is what a real conn node speaks.
import { PackageType, jsonWire, protoWire, type AnswerExtra, type Outgoing, type Wire } from "../protocol";
import type { WebSocketLike } from "./types";

export interface SentRequest {
  type: PackageType;
  id: number;
  /** Req.data's bytes (proto), or the JSON object the request nests (json). */
  body: unknown;
}

export class FakeSocket implements WebSocketLike {
  static all: FakeSocket[] = [];
  binaryType = "blob";
  onopen: ((ev: never) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number; reason: string }) => void) | null = null;
  onerror: ((ev: never) => void) | null = null;
  readonly sent: SentRequest[] = [];
  /** The server's side of the codec the client asked for. */
  readonly wire: Wire;
  closedWith?: number;

  constructor(
    readonly url: string,
    readonly protocols?: string | string[],
  ) {
    this.wire = [protocols ?? []].flat().includes("roomcast.json") ? jsonWire : protoWire;
    FakeSocket.all.push(this);
  }
  send(data: Uint8Array | string): void {
    const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
    const r = this.wire.request(bytes, typeof data !== "string");
    this.sent.push({ type: r.type, id: r.id, body: r.body });
  }
  close(code?: number): void {
    this.closedWith = code;
  }
  // the server's side
  open(): void {
    this.onopen?.(undefined as never);
  }
  reply(frame: Outgoing): void {
    if (typeof frame === "string") return this.onmessage?.({ data: frame });
    this.onmessage?.({ data: frame.buffer.slice(frame.byteOffset, frame.byteOffset + frame.byteLength) });
  }
  /** Reply{type, Err{code, ...extra}} answering request `id`. */
  answer(type: PackageType, code: number, id: number, extra?: AnswerExtra): void {
    this.reply(this.wire.answer(type, code, undefined, id, extra));
  }
  serverClose(code: number, reason = ""): void {
    this.onclose?.({ code, reason });
  }
  sentOf(type: PackageType): SentRequest[] {
    return this.sent.filter((f) => f.type === type);
  }
  /** The room a SUBSCRIBE, UNSUBSCRIBE or MEMBERS names ("" for none). */
  roomOf(r: SentRequest): string {
    return this.wire.room(r.body, true);
  }
  static last(): FakeSocket {
    return FakeSocket.all[FakeSocket.all.length - 1]!;
  }
}
