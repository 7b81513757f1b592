// The messages between the bench driver and its load-generator workers (over the fork IPC channel).
import * as hdr from "hdr-histogram-js";
import type { ClientKind } from "./client";

/** Latency histograms, µs: the workers fill them and the driver merges them, so both must build the same shape. */
export const newLatencyHistogram = (): hdr.Histogram =>
  hdr.build({ bitBucketSize: 64, numberOfSignificantValueDigits: 3, lowestDiscernibleValue: 1, highestTrackableValue: 600_000_000 });

export type WorkerCommand =
  | {
      type: "join";
      client: ClientKind;
      /** conn WebSocket URLs; client i dials urls[i % n]. */
      urls: string[];
      token: string;
      /** A token per client (by index in rooms), instead of `token` for all. */
      tokens?: string[];
      /** The room of each client. */
      rooms: string[];
      /** More rooms of each client, joined after sign-in (protocol 2), when the scenario puts members in several. */
      also?: string[][];
      /** Source addresses in 127.0.0.0/8; client i binds localAddresses[i % n] (more than 28k sockets per target). */
      localAddresses: string[];
      concurrency: number;
      /** Attempts after a failed one, per client, as a real client would reconnect. */
      retries: number;
    }
  | {
      type: "publish";
      /** Monotonic µs at which every publisher's message 0 is due. */
      startUs: number;
      size: number;
      /** conn: index of this worker's client that sends. */
      publishers: PublisherSpec[];
    }
  | { type: "report" }
  /** Distinct deliveries so far, without resetting anything. */
  | { type: "count" }
  | { type: "close" };

/** A publishing client: message k is due at startUs + offsetUs + k/rate. */
export interface PublisherSpec {
  id: number;
  /** Index of the client in this worker's join list. */
  conn: number;
  rate: number;
  count: number;
  /** Spreads publishers over one interval, so rooms do not all publish in the same instant. */
  offsetUs: number;
}

export interface StepStats {
  /** Messages delivered to this worker's clients (all of them, duplicates included). */
  messages: number;
  /** Delivery frames (batches) received. */
  frames: number;
  /** Distinct (client, publisher, seq) deliveries. */
  unique: number;
  dups: number;
  /** Messages without a bench stamp. */
  foreign: number;
  /** Connections closed by the server so far (not reset between steps). */
  lost: number;
  /** hdr histogram of end-to-end latency, µs, compressed base64. */
  histogram: string;
}

export type WorkerReply =
  | { type: "joined"; joined: number; failed: number; retried: number; firstError: string; ms: number }
  | { type: "published"; counts: Record<number, number> }
  | { type: "report"; stats: StepStats }
  | { type: "count"; unique: number };
