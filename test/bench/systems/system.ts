// A system under test: started by the harness, dialled by the load generator, measured by its processes' CPU.
import type { ClientKind } from "../loadgen/client";

export interface SystemUnderTest {
  /** The column name in the results. */
  name: string;
  /** Which load-generator client speaks its protocol. */
  client: ClientKind;
  /** WebSocket URLs clients dial (spread over, client i takes urls[i % n]). */
  wsUrls: string[];
  /** A token every bench client may sign in with. */
  token: string;
  /**
   * A token of its own for client i (a uid each), where the system checks tokens: a sign-in storm then verifies as
   * many tokens as it has clients, as a real one does, instead of one token again and again.
   */
  tokenFor?(i: number): string;
  /** pids of every server process, for CPU time. */
  pids(): number[];
  /** Every server process by name (roomcast's tiers and infrastructure), for CPU per process where a scenario reports it. */
  processes?(): Array<{ name: string; pid: number }>;
  /** pids of the processes that hold client sockets, for memory per connection. */
  connPids(): number[];
  /**
   * Client connections the server itself counts as open, where it exports such a count the harness can read
   * (roomcast: roomcast_conn_connections on each conn node's ops listener, /metrics). The kernel's figures lag a closing socket.
   */
  connections?(): Promise<number>;
  /** Collects garbage in connPids() before a memory reading, where the runtime lets the harness ask. */
  gc?(): Promise<void>;
  /** Speaks roomcast's protocol 2 (SUBSCRIBE: a member in several rooms). */
  protocol2?: boolean;
  /** Sends a message to a room the way a business service does (roomcast: POST /msg, IMPORTANT). */
  postMessage?(room: string, body: string): Promise<void>;
  stop(): Promise<void>;
}

/** A peer that cannot be built or started on this machine: the harness reports why and goes on without it. */
export class PeerUnavailable extends Error {
  override readonly name = "PeerUnavailable";
}
