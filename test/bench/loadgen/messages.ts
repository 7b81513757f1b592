// The messages between the bench driver and its load-generator workers (over the fork IPC channel).
import * as hdr from "hdr-histogram-js";

/** Latency histograms, µs: the workers fill them and the driver merges them, so both must build the same shape. */
export const newLatencyHistogram = (): hdr.Histogram =>
  hdr.build({ bitBucketSize: 64, numberOfSignificantValueDigits: 3, lowestDiscernibleValue: 1, highestTrackableValue: 600_000_000 });

export type WorkerCommand =
  | {
      type: "join";
      /** conn WebSocket URLs; client i dials urls[i % n]. */
      urls: string[];
      token: string;
      /** The room of each client. */
      rooms: string[];
      /** Source addresses in 127.0.0.0/8; client i binds localAddresses[i % n] (more than 28k sockets per target). */
      localAddresses: string[];
      concurrency: number;
    }
  | {
      type: "publish";
      /** Monotonic µs at which every publisher's message 0 is due. */
      startUs: number;
      size: number;
      /** conn: index of this worker's client that sends. */
      publishers: Array<{ id: number; conn: number; rate: number; count: number }>;
    }
  | { type: "report" }
  | { type: "close" };

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
  | { type: "joined"; joined: number; failed: number; firstError: string; ms: number }
  | { type: "published"; counts: Record<number, number> }
  | { type: "report"; stats: StepStats };
