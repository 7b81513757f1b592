// What a session needs of its socket, so the session logic is tested without sockets.
import type { Outgoing } from "@roomcast/pkg/protocol";

export interface Transport {
  /** Sends one frame: binary for bytes, text for a string (the JSON codec). */
  send(frame: Outgoing): void;
  /** Closes with a WebSocket close code and a short reason. */
  close(code: number, reason: string): void;
  /** Joins a pub/sub topic: frames published to it reach this socket. */
  subscribe(topic: string): void;
  unsubscribe(topic: string): void;
  /** Bytes waiting in the socket's send buffer. */
  bufferedAmount(): number;
}
