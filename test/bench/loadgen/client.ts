// What the load generator needs of a client of any system under test: connect and join one room, publish a
// bench body into it, keep the connection alive, and hand every delivered body to a Receiver undecoded
// beyond what the protocol forces. One adapter per protocol; the worker picks it by name.
import { connectRoomcast } from "./roomcast_client";
import { connectSocketIo } from "./socketio_client";
import { connectCentrifugo } from "./centrifugo_client";
import { connectRoomcastJson } from "./roomcast_json_client";

/**
 * roomcast's protobuf protocol (also the bare-uWS ceiling), roomcast's JSON codec (protocol 2, roomcast.json),
 * socket.io's engine.io v4 frames, Centrifugo's JSON protocol.
 */
export type ClientKind = "roomcast" | "roomcastJson" | "socketio" | "centrifugo";

export interface BenchConn {
  /** Sends one body to the client's room, as a member would. */
  publish(body: string): void;
  /** The protocol's keep-alive, where the client must send one (called every 20 s). */
  heartbeat(): void;
  close(): void;
}

export interface Receiver {
  /** One delivered body, bytes [start, end) of buf (binary protocols). */
  bytes(buf: Uint8Array, start: number, end: number): void;
  /** One delivered body (text protocols). */
  text(body: string): void;
  /** One WebSocket frame carrying `messages` bodies. */
  frame(messages: number): void;
  /** The server closed the connection after it joined. */
  lost(): void;
}

export interface ConnectOptions {
  url: string;
  token: string;
  room: string;
  /** Source address in 127.0.0.0/8. */
  localAddress: string;
  /** More rooms to join once signed in (roomcast protocol 2: SUBSCRIBE); the client publishes only to `room`. */
  also?: readonly string[];
}

/** Resolves once the client is signed in and a member of its room (deliveries may start at once). */
export type Connect = (o: ConnectOptions, rx: Receiver) => Promise<BenchConn>;

export const connectors: Record<ClientKind, Connect> = {
  roomcast: connectRoomcast,
  roomcastJson: connectRoomcastJson,
  socketio: connectSocketIo,
  centrifugo: connectCentrifugo,
};
