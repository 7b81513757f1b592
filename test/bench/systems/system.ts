// A system under test: started by the harness, dialled by the load generator, measured by its processes' CPU.

export interface SystemUnderTest {
  /** The column name in the results. */
  name: string;
  /** WebSocket URLs clients dial (spread over, client i takes urls[i % n]). */
  wsUrls: string[];
  /** A token every bench client may sign in with. */
  token: string;
  /** pids of every server process, for CPU time. */
  pids(): number[];
  stop(): Promise<void>;
}
