// Debian's chromium driven by playwright-core, for the end-to-end tests of the chat page.
import * as path from "node:path";
import { mkdirSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { repoRoot } from "./bin";

export const CHROMIUM = process.env.ROOMCAST_CHROMIUM ?? "/usr/bin/chromium";

/** Where the browser tests leave their screenshots (ignored by git). */
export const artifactsDir = path.join(repoRoot, "test", "artifacts");

export function launchChromium(): Promise<Browser> {
  mkdirSync(artifactsDir, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}
