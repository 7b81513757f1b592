// POSTs for the HTTP publishers of the systems under test: node:http over a small pool of kept-alive
// connections, lighter than fetch at a thousand posts per second, so the publisher's own cost stays out of the latency.
import * as http from "node:http";

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

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
