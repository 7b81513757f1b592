// Who may hold a socket on this conn node: sockets per node, per IP and per uid, not-yet-signed-in sockets per IP,
// and the MESSAGE rate of a uid across all its connections here (README, "Limits"). Per-IP refusals happen at the
// WebSocket upgrade (an HTTP answer before any WebSocket exists), the per-uid one at sign-in (Err 109).
// Every table is a Map: an IP or uid is never an object key (a uid may be "__proto__").

export interface AdmissionLimits {
  /** Open sockets on this node; the next upgrade gets 503. */
  maxConnections: number;
  /** Open sockets from one remote address; the next upgrade gets 429. */
  maxConnectionsPerIp: number;
  /** Sockets from one remote address that have not signed in yet; the next upgrade gets 429. */
  maxUnsignedPerIp: number;
  /** Signed-in sockets of one uid on this node; the next sign-in gets Err 109. */
  maxConnectionsPerUid: number;
  /** MESSAGE rate of one uid across its connections on this node: tokens per second and bucket size (Err 104). */
  messagesPerSecPerUid: number;
  messageBurstPerUid: number;
}

/** An upgrade refused before the WebSocket opens: the HTTP status line and a body that says why. */
export interface Refusal {
  status: string;
  body: string;
}

/** What Admission needs of a connection: its remote address, and its uid once signed in. */
export interface Admitted {
  ip: string;
  uid: string;
  state: string;
}

interface PerIp {
  open: number;
  unsigned: number;
}

interface PerUid {
  open: number;
  tokens: number;
  tokensAt: number;
}

export interface AdmissionCounters {
  refusedNode: number;
  refusedIp: number;
  refusedUnsigned: number;
  refusedUid: number;
  rateLimitedUid: number;
}

export class Admission {
  private open = 0;
  private readonly ips = new Map<string, PerIp>();
  private readonly uids = new Map<string, PerUid>();
  readonly counters: AdmissionCounters = { refusedNode: 0, refusedIp: 0, refusedUnsigned: 0, refusedUid: 0, rateLimitedUid: 0 };

  constructor(private readonly limits: AdmissionLimits) {}

  /** At the upgrade, before the socket exists: why this address may not open one more, or undefined. */
  refuse(ip: string): Refusal | undefined {
    const l = this.limits;
    if (this.open >= l.maxConnections) {
      this.counters.refusedNode++;
      return {
        status: "503 Service Unavailable",
        body: `this node holds its maximum of ${l.maxConnections} connections (ws.maxConnections): try another node`,
      };
    }
    const per = this.ips.get(ip);
    if (per && per.open >= l.maxConnectionsPerIp) {
      this.counters.refusedIp++;
      return {
        status: "429 Too Many Requests",
        body: `too many connections from ${ip} (ws.maxConnectionsPerIp = ${l.maxConnectionsPerIp})`,
      };
    }
    if (per && per.unsigned >= l.maxUnsignedPerIp) {
      this.counters.refusedUnsigned++;
      return {
        status: "429 Too Many Requests",
        body: `too many connections from ${ip} that have not signed in (ws.maxUnsignedPerIp = ${l.maxUnsignedPerIp})`,
      };
    }
    return undefined;
  }

  /** The socket opened (not signed in yet). */
  opened(c: Admitted): void {
    this.open++;
    const per = this.ips.get(c.ip);
    if (per) {
      per.open++;
      per.unsigned++;
    } else this.ips.set(c.ip, { open: 1, unsigned: 1 });
  }

  /**
   * Logic accepted the connection's token for `uid`: false when the uid already holds maxConnectionsPerUid signed-in
   * sockets here (the sign-in is refused, the socket stays unsigned); true moves it from unsigned to the uid's.
   */
  signIn(c: Admitted, uid: string): boolean {
    const u = this.uids.get(uid);
    if (u && u.open >= this.limits.maxConnectionsPerUid) {
      this.counters.refusedUid++;
      return false;
    }
    if (u) u.open++;
    else this.uids.set(uid, { open: 1, tokens: this.limits.messageBurstPerUid, tokensAt: Date.now() });
    const per = this.ips.get(c.ip);
    if (per) per.unsigned--;
    return true;
  }

  /** A sign-in that signIn() admitted did not complete: the socket is unsigned again. */
  signOut(c: Admitted, uid: string): void {
    const u = this.uids.get(uid);
    if (u && --u.open <= 0) this.uids.delete(uid);
    const per = this.ips.get(c.ip);
    if (per) per.unsigned++;
  }

  /** The socket closed; `c.state` is still the one it had ("in": signed in as `c.uid`). */
  closed(c: Admitted): void {
    this.open--;
    const per = this.ips.get(c.ip);
    if (per) {
      per.open--;
      if (c.state !== "in") per.unsigned--;
      if (per.open <= 0) this.ips.delete(c.ip);
    }
    if (c.state === "in") {
      const u = this.uids.get(c.uid);
      if (u && --u.open <= 0) this.uids.delete(c.uid);
    }
  }

  /** One MESSAGE of a signed-in uid: false when the uid's bucket across its connections here is empty. */
  takeUidToken(uid: string, now: number): boolean {
    const u = this.uids.get(uid);
    if (!u) return true;
    const { messagesPerSecPerUid: rate, messageBurstPerUid: burst } = this.limits;
    u.tokens = Math.min(burst, u.tokens + ((now - u.tokensAt) / 1000) * rate);
    u.tokensAt = now;
    if (u.tokens < 1) {
      this.counters.rateLimitedUid++;
      return false;
    }
    u.tokens -= 1;
    return true;
  }

  /** Open sockets (the node's count). */
  connections(): number {
    return this.open;
  }
}
