// job's HTTP port: health and Prometheus metrics.
import * as http from "node:http";
import { listenHttp } from "@roomcast/pkg/lifecycle";
import type { Registry } from "@roomcast/pkg/metrics";

export function serveJobHttp(registry: Registry, host: string, port: number): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    if (req.url === "/metrics") {
      registry.metrics().then((text) => {
        res.writeHead(200, { "content-type": "text/plain; version=0.0.4" });
        res.end(text);
      });
    } else if (req.url === "/healthz") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"ok":true}');
    } else {
      res.writeHead(404, { "content-type": "application/json" });
      res.end('{"code":0,"msg":"not found"}');
    }
  });
  return listenHttp(server, host, port, "health and metrics", "http.port").then(() => server);
}
