// The demo chat page logic serves at GET /: index.html, chat.css and chat.js, which esbuild bundles from
// chat/chat.ts and the SDK once per process (in memory; no bundle is kept in git).
import * as path from "node:path";
import { readFile } from "node:fs/promises";
import { build } from "esbuild";
import type { Logger } from "@roomcast/pkg/log";

export interface Asset {
  contentType: string;
  body: string;
}

const dir = path.join(__dirname, "chat");

/** Bundles the page script for browsers; fails if anything it imports needs Node. */
export async function bundleChatScript(): Promise<string> {
  const out = await build({
    entryPoints: [path.join(dir, "chat.ts")],
    bundle: true,
    platform: "browser",
    format: "iife",
    target: "es2020",
    minify: true,
    write: false,
    logLevel: "silent",
  });
  return out.outputFiles[0].text;
}

export class ChatPage {
  private assets?: Promise<Map<string, Asset>>;

  constructor(private readonly log: Logger) {}

  /** Builds in the background, so the first visitor does not wait for esbuild. */
  warm(): void {
    this.load().catch(() => {});
  }

  /** The asset at an URL path, or undefined when the page has no such file. */
  async asset(urlPath: string): Promise<Asset | undefined> {
    const name = urlPath === "/" ? "/index.html" : urlPath;
    if (name !== "/index.html" && name !== "/chat.js" && name !== "/chat.css") return undefined;
    return (await this.load()).get(name);
  }

  private load(): Promise<Map<string, Asset>> {
    this.assets ??= (async () => {
      const started = Date.now();
      const [html, css, js] = await Promise.all([
        readFile(path.join(dir, "index.html"), "utf8"),
        readFile(path.join(dir, "chat.css"), "utf8"),
        bundleChatScript(),
      ]);
      this.log.info({ jsBytes: js.length, ms: Date.now() - started }, "chat page built");
      return new Map([
        ["/index.html", { contentType: "text/html; charset=utf-8", body: html }],
        ["/chat.css", { contentType: "text/css; charset=utf-8", body: css }],
        ["/chat.js", { contentType: "text/javascript; charset=utf-8", body: js }],
      ]);
    })().catch((err: unknown) => {
      this.log.error({ err }, "bundleChatScript() failed");
      this.assets = undefined; // try again on the next request
      throw err;
    });
    return this.assets;
  }
}
