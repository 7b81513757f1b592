// The shape of one bench run's results (written as JSON, read back by the report and the tests).
import type { RoomsParams, RoomsResult } from "./scenarios/rooms";
import type { ImportantParams, ImportantResult } from "./scenarios/important";
import type { IdleParams, IdleResult } from "./scenarios/idle";
import type { SignInsParams, SignInsResult } from "./scenarios/signins";
import type { StormParams, StormResult } from "./scenarios/reconnect_storm";

/** A scenario's result on one system, or why there is none. */
export type Outcome<T> = { ok: true; result: T } | { ok: false; error: string };

export interface BenchParams {
  fanout: RoomsParams;
  manyRooms: RoomsParams;
  /** protocol 2: every member in several rooms (roomcast only). */
  multiRoom: RoomsParams;
  important: ImportantParams;
  idle: IdleParams;
  /** Many idle connections on one host, on roomcast clusters with several conn processes on one port. */
  idleLarge: Array<IdleParams & { connProcesses: number }>;
  /** One room, many publishing members spread over the conn nodes: a sweep of publisher counts (issue 16). */
  manySenders: RoomsParams[];
  signIns: SignInsParams;
  /** kill -9 of the conn processes holding every client; they reconnect and recover (roomcast cluster only). */
  reconnectStorm: StormParams;
}

export interface BenchResults {
  date: string;
  cores: number;
  cpu: string;
  node: string;
  quick: boolean;
  /** Column order. */
  systems: string[];
  /** Systems that could not be built or started, and why. */
  unavailable: Record<string, string>;
  params: BenchParams;
  fanout: Record<string, Outcome<RoomsResult>>;
  manyRooms: Record<string, Outcome<RoomsResult>>;
  multiRoom: Record<string, Outcome<RoomsResult>>;
  important: Record<string, Outcome<ImportantResult>>;
  idle: Record<string, Outcome<IdleResult>>;
  /** Keyed by a label such as "100,000 on 7 conn processes". */
  idleLarge: Record<string, Outcome<IdleResult>>;
  /** Keyed by publisher count, then by system. */
  manySenders: Record<string, Record<string, Outcome<RoomsResult>>>;
  signIns: Record<string, Outcome<SignInsResult>>;
  /** Keyed by a label such as "20,000 clients on 2 conn processes"; absent in runs from before it existed. */
  reconnectStorm?: Record<string, Outcome<StormResult>>;
}
