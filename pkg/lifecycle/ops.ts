// The ops listener of every process: GET /metrics (Prometheus text) and GET /healthz (JSON), on a port of its own,
// 127.0.0.1 unless configured otherwise. The public ports (conn's WebSocket port, logic's HTTP API) never serve them.
import * as http from "node:http";
import type { OpsSection } from "../config/common";
import { listenHttp } from "./listen";

export interface OpsOptions extends OpsSection {
  /** Prometheus text of the process's registry. */
  metrics: () => Promise<string>;
  /** The /healthz body; `ok: false` answers 503 (a conn node that drains). */
  health?: () => { ok: boolean } & Record<string, unknown>;
  /** The key the port comes from in this program's config, for a failed bind ("ops.port", "conn.ops.port"). */
  portKey?: string;
}

export interface OpsServer {
  port: number;
  close(): Promise<void>;
}

export async function serveOps(o: OpsOptions): Promise<OpsServer> {
  const server = http.createServer((req, res) => {
    const p = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && p === "/metrics") {
      o.metrics().then(
        (text) => {
          res.writeHead(200, { "content-type": "text/plain; version=0.0.4" });
          res.end(text);
        },
        (err: unknown) => {
          res.writeHead(500, { "content-type": "application/json" });
          res.end(JSON.stringify({ code: 0, msg: `metrics failed: ${(err as Error).message}` }));
        },
      );
    } else if (req.method === "GET" && p === "/healthz") {
      const h = o.health?.() ?? { ok: true };
      res.writeHead(h.ok ? 200 : 503, { "content-type": "application/json" });
      res.end(JSON.stringify(h));
    } else {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ code: 0, msg: `no route ${p}: the ops port serves GET /metrics and GET /healthz` }));
    }
  });
  const port = await listenHttp(server, o.listenHost, o.port, "health and metrics (the ops listener)", o.portKey ?? "ops.port");
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
