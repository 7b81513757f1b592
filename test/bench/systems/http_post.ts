// POSTs for the HTTP publishers of the systems under test: node:http over a small pool of kept-alive
// connections, lighter than fetch at a thousand posts per second, so the publisher's own cost stays out of the latency.
import * as http from "node:http";

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

/**
 * GETs a URL on a connection of its own, closed once answered: the server keeps no idle socket of ours open, which
 * would show in its open files.
 */
export function getText(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, headers: { connection: "close" } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => (res.statusCode === 200 ? resolve(text) : reject(new Error(`GET ${url}: HTTP ${res.statusCode}`))));
      res.on("error", reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error(`GET ${url}: no answer in 30 s`)));
    req.on("error", reject);
  });
}

/** POSTs a JSON body; resolves with the status and the answer's text. */
export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload), ...headers } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
        res.on("error", reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error(`POST ${url}: no answer in 30 s`)));
    req.on("error", reject);
    req.end(payload);
  });
}
