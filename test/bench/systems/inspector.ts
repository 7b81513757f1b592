// Asks a Node process started with --inspect=127.0.0.1:<port> to collect garbage (HeapProfiler.collectGarbage
// over the DevTools protocol), so memory readings after it do not count garbage; the server needs no bench hook.
import WebSocket from "ws";
import type { Proc } from "../../harness/proc";
import { getText } from "./http_post";

/** The node flag that lets the harness ask for a GC; port 0 lets Node pick a free one (no race with other ports). */
export const INSPECT = "--inspect=127.0.0.1:0";

/** The port Node printed for --inspect=…:0 ("Debugger listening on ws://127.0.0.1:PORT/…"). */
export async function inspectPort(p: Proc): Promise<number> {
  const re = /Debugger listening on ws:\/\/127\.0\.0\.1:(\d+)\//;
  await p.waitFor(re, 30_000);
  return Number(re.exec(p.output())![1]);
}

/** Resolves once the GC ran and the inspector connection is closed (its socket would count as an open file). */
export async function collectGarbage(inspectPort: number): Promise<void> {
  const list = JSON.parse(await getText(`http://127.0.0.1:${inspectPort}/json/list`)) as Array<{ webSocketDebuggerUrl: string }>;
  const ws = new WebSocket(list[0].webSocketDebuggerUrl, { perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`inspector ${inspectPort}: no answer to collectGarbage in 30 s`)), 30_000);
    ws.on("open", () => ws.send(JSON.stringify({ id: 1, method: "HeapProfiler.collectGarbage" })));
    ws.on("message", (data: Buffer) => {
      if ((JSON.parse(data.toString()) as { id?: number }).id !== 1) return;
      clearTimeout(timer);
      ws.once("close", () => resolve());
      ws.close();
    });
    ws.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}
