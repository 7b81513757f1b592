// Serves the browser example: index.html and the SDK's browser build (pkg/client/dist, made by
// `pnpm -C pkg/client build`), and forwards POST /tk to logic, which sends no CORS headers for another origin.
//
//   node examples/browser/serve.mjs   then open http://127.0.0.1:8080/ while `pnpm start` runs
//
// PORT (default 8080; 0 picks a free one) and RC_HTTP_URL (logic, default http://127.0.0.1:3111) change the defaults.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const sdk = path.resolve(here, "../../pkg/client/dist/roomcast-client.browser.mjs");
const logic = process.env.RC_HTTP_URL ?? "http://127.0.0.1:3111";
const port = Number(process.env.PORT ?? 8080);

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", "http://x");
  try {
    if (req.method === "GET" && (url.pathname === "/" || url.pathname === "/index.html")) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(await readFile(path.join(here, "index.html")));
    } else if (req.method === "GET" && url.pathname === "/roomcast-client.browser.mjs") {
      const js = await readFile(sdk).catch(() => undefined);
      if (!js) return void res.writeHead(500).end(`${sdk} is missing: run pnpm -C pkg/client build`);
      res.writeHead(200, { "content-type": "text/javascript; charset=utf-8" }).end(js);
    } else if (req.method === "POST" && url.pathname === "/tk") {
      const chunks = [];
      for await (const c of req) chunks.push(c);
      const r = await fetch(`${logic}/tk`, { method: "POST", body: Buffer.concat(chunks) });
      res.writeHead(r.status, { "content-type": r.headers.get("content-type") ?? "text/plain" }).end(Buffer.from(await r.arrayBuffer()));
    } else {
      res.writeHead(404).end("not found");
    }
  } catch (err) {
    res.writeHead(502).end(`POST ${logic}/tk failed: ${err.cause?.message ?? err.message}`);
  }
});
server.listen(port, "127.0.0.1", () => {
  console.log(`browser example at http://127.0.0.1:${server.address().port}/ (tokens from ${logic})`);
});
