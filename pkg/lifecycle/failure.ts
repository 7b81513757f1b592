// Start-up failures that say what failed, where, and what to do, instead of a stack trace of a library's error.

/** A failure whose message already says what failed, where and what to do: printed without a stack. */
export class StartError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StartError";
  }
}

const REASONS: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  ENOTFOUND: "no such host",
  EAI_AGAIN: "host name lookup failed",
  ETIMEDOUT: "timed out",
  UND_ERR_CONNECT_TIMEOUT: "timed out",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  EPIPE: "connection closed",
  UND_ERR_SOCKET: "connection closed",
};

/** Why a network call failed, in words: "connection refused", "no such host", …; else the innermost message. */
export function networkReason(err: unknown): string {
  const seen = new Set<unknown>();
  let innermost = "";
  const visit = (e: unknown): string | undefined => {
    if (!e || typeof e !== "object" || seen.has(e)) return undefined;
    seen.add(e);
    const x = e as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    if (typeof x.code === "string" && REASONS[x.code]) return REASONS[x.code];
    if (typeof x.message === "string") {
      const m = /\b(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH)\b/.exec(x.message);
      if (m) return REASONS[m[1]!];
      if (x.message) innermost = x.message;
    }
    for (const inner of [x.cause, ...(Array.isArray(x.errors) ? x.errors : [])]) {
      const r = visit(inner);
      if (r) return r;
    }
    return undefined;
  };
  return visit(err) ?? (innermost || String(err));
}

/** The line a main prints when it cannot start: the message alone for configuration and start errors, else the stack. */
export function startFailure(program: string, err: unknown): string {
  const e = err as Error | undefined;
  if (e instanceof Error && (e.name === "ConfigError" || e.name === "StartError")) return `${program} failed to start: ${e.message}`;
  return `${program} failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(err)}`;
}
