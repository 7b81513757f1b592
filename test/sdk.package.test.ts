// @roomcast/client as a user gets it: packed by pnpm, installed with npm into an empty folder next to `ws`, and the
// README's example saved as example.mjs and run with node against a standalone; also CommonJS, the types under
// Node16 resolution, and the browser example (examples/browser) in chromium.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { Browser } from "playwright-core";
import { repoRoot } from "./harness/bin";
import { artifactsDir, launchChromium } from "./harness/browser";
import { killAll, startProc } from "./harness/proc";
import { startStandalone, type Target } from "./harness/roomcast";

/** npm install fetches ws from the registry: room for a slow one. */
const INSTALL_MS = 180_000;
jest.setTimeout(60_000);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs: number }): Promise<Run> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd: opts.cwd, env: { ...process.env, ...opts.env }, timeout: opts.timeoutMs }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === "number" ? err.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** The fenced block that follows `marker` in README.md, exactly as it stands there. */
function readmeBlock(marker: string): string {
  const readme = readFileSync(path.join(repoRoot, "README.md"), "utf8");
  const at = readme.indexOf(marker);
  if (at < 0) throw new Error(`README.md has no ${marker}`);
  const m = /^```[a-z]*\n([\s\S]*?)^```$/m.exec(readme.slice(at));
  if (!m) throw new Error(`README.md has no code block after ${marker}`);
  return m[1]!;
}

const scratch: string[] = [];
const tempDir = (tag: string) => {
  const d = mkdtempSync(path.join(tmpdir(), `roomcast-sdk-${tag}-`));
  scratch.push(d);
  return d;
};

let app: string;
let installed: string;
let target: Target;

beforeAll(async () => {
  const packDir = tempDir("pack");
  // What the README says: pnpm packs (its prepack script builds dist/) with the published exports map.
  const pack = await run("pnpm", ["-C", "pkg/client", "pack", "--pack-destination", packDir], { cwd: repoRoot, timeoutMs: 120_000 });
  expect(pack).toMatchObject({ code: 0 });
  const tgz = readdirSync(packDir).find((f) => f.endsWith(".tgz"));
  expect(tgz).toBe("roomcast-client-0.1.0.tgz");

  app = tempDir("app");
  const install = await run("npm", ["install", "--no-audit", "--no-fund", path.join(packDir, tgz!), "ws"], {
    cwd: app,
    timeoutMs: INSTALL_MS,
  });
  if (install.code !== 0) throw new Error(`npm install failed (${install.code}):\n${install.stdout}\n${install.stderr}`);
  installed = path.join(app, "node_modules", "@roomcast", "client");
  target = await startStandalone();
}, INSTALL_MS + 120_000);

afterAll(async () => {
  await killAll();
  for (const d of scratch) rmSync(d, { recursive: true, force: true });
});

describe("@roomcast/client installed from its package", () => {
  it("runs the README's example verbatim as example.mjs and prints what the README says, exit 0", async () => {
    const code = readmeBlock("<!-- sdk-example:");
    // examples/node/example.mjs is the same script.
    expect(readFileSync(path.join(repoRoot, "examples", "node", "example.mjs"), "utf8")).toBe(code);
    writeFileSync(path.join(app, "example.mjs"), code);

    const env = { RC_WS_URL: target.wsUrls[0]!, RC_HTTP_URL: target.httpUrls[0]! };
    const out = await run(process.execPath, ["example.mjs"], { cwd: app, env, timeoutMs: 20_000 });
    expect(out).toEqual({ code: 0, stdout: readmeBlock("<!-- sdk-example-output -->"), stderr: "" });
  });

  it("the example says it is retrying when no server answers", async () => {
    const env = { RC_WS_URL: "ws://127.0.0.1:1/room", RC_HTTP_URL: "http://127.0.0.1:1" };
    const out = await run(process.execPath, ["example.mjs"], { cwd: app, env, timeoutMs: 3_000 });
    expect(out.code).toBeNull(); // still retrying when the time limit killed it
    expect(out.stdout).toMatch(/^retry 1 to ws:\/\/127\.0\.0\.1:1\/room in \d+ ms\n/);
  });

  it("lists no server dependency: installing it brings eventemitter3 and nothing else", () => {
    const pkg = JSON.parse(readFileSync(path.join(installed, "package.json"), "utf8"));
    expect(pkg.name).toBe("@roomcast/client");
    expect(pkg.dependencies).toEqual({ eventemitter3: "^5.0.1" });
    expect(pkg.peerDependencies).toBeUndefined();
    expect(pkg.optionalDependencies).toBeUndefined();
    expect(readdirSync(path.join(app, "node_modules")).sort()).toEqual([".package-lock.json", "@roomcast", "eventemitter3", "ws"]);
    // pnpm pack puts the workspace's LICENSE in the package.
    expect(readdirSync(installed).sort()).toEqual(["LICENSE", "README.md", "dist", "package.json"]);
    expect(pkg.exports["."]).toEqual({
      import: { types: "./dist/index.d.mts", default: "./dist/index.mjs" },
      require: { types: "./dist/index.d.cts", default: "./dist/index.cjs" },
    });
  });

  it("loads with import and with require, with the same exports", async () => {
    const names = "Object.keys(c).sort().join()";
    const noWs =
      "try { new c.RoomcastClient({ url: 'ws://x/room', room: 'r', token: 't' }) } catch (e) { console.log(e instanceof c.ClientError, e.message) }";
    const esm = await run(
      process.execPath,
      ["--input-type=module", "-e", `import * as c from "@roomcast/client"; console.log(${names}); ${noWs}`],
      {
        cwd: app,
        timeoutMs: 10_000,
      },
    );
    const cjs = await run(process.execPath, ["-e", `const c = require("@roomcast/client"); console.log(${names}); ${noWs}`], {
      cwd: app,
      timeoutMs: 10_000,
    });
    const expected =
      "ClientError,CloseCode,ConnectionError,ErrCode,Message,MsgLevel,ProtocolError,RoomcastClient,TimeoutError,defaultBackoff,reconnectDelay\n" +
      "true no WebSocket class: pass options.WebSocket (in Node 20, the ws package's WebSocket)\n";
    expect(esm).toEqual({ code: 0, stdout: expected, stderr: "" });
    expect(cjs).toEqual({ code: 0, stdout: expected, stderr: "" });
  });

  it("type-checks from an ES module and from CommonJS (Node16 resolution, library types checked too)", async () => {
    const use = `const client = new RoomcastClient({ url: "ws://x/room", room: "r", token: async () => "t" });
client.on("message", (m: Message) => console.log(m.level === MsgLevel.IMPORTANT, m.text()));
const code: number = ErrCode.RATE_LIMITED;
export const members: Promise<number> = client.members().catch((e) => (e instanceof ProtocolError ? e.code : code));
// protocol 2: room is optional (sign in to no room, then subscribe), a token is not
new RoomcastClient({ url: "ws://x/room", token: "t", codec: "json" }).subscribe("r");
// @ts-expect-error token is required
new RoomcastClient({ url: "ws://x/room", room: "r" });
`;
    writeFileSync(
      path.join(app, "use.mts"),
      `import { RoomcastClient, MsgLevel, ErrCode, ProtocolError, type Message } from "@roomcast/client";\n${use}`,
    );
    writeFileSync(
      path.join(app, "use.cts"),
      `import sdk = require("@roomcast/client");\nconst { RoomcastClient, MsgLevel, ErrCode, ProtocolError } = sdk;\ntype Message = sdk.Message;\n${use}`,
    );
    const tsc = path.join(repoRoot, "node_modules", "typescript", "bin", "tsc");
    const args = ["--noEmit", "--strict", "--module", "node16", "--target", "es2022", "--lib", "es2022,dom", "use.mts", "use.cts"];
    const out = await run(process.execPath, [tsc, ...args], { cwd: app, timeoutMs: 50_000 });
    expect(out).toEqual({ code: 0, stdout: "", stderr: "" });
  });
});

describe("examples/browser", () => {
  let browser: Browser | undefined;
  afterAll(async () => {
    await browser?.close();
  });

  it("the page on the SDK's browser build signs in, sends and sees its message come back", async () => {
    const serve = startProc("browser-example", process.execPath, [path.join(repoRoot, "examples", "browser", "serve.mjs")], {
      PORT: "0",
      RC_HTTP_URL: target.httpUrls[0]!,
    });
    await serve.waitFor(/browser example at http:\/\/127\.0\.0\.1:\d+\//);
    const pageUrl = /browser example at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(serve.output())![1]!;

    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 800, height: 500 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${pageUrl}?${new URLSearchParams({ ws: target.wsUrls[0]! })}`);
    await page.fill("#room", "browser-example");
    await page.fill("#name", "carol");
    await page.click("#connect");
    await page.waitForFunction(() => document.getElementById("state")?.textContent === "connected", undefined, { timeout: 15_000 });
    await page.fill("#text", "hello from the browser");
    await page.click("#send");
    const line = 'normal browser-example {"from":"carol","text":"hello from the browser"}';
    await page.waitForFunction((t) => [...document.querySelectorAll("#log li")].some((li) => li.textContent === t), line, {
      timeout: 15_000,
    });
    await page.screenshot({ path: path.join(artifactsDir, "sdk-browser-example.png") });
    expect(await page.$$eval("#log li", (els) => els.map((e) => `${e.className}: ${e.textContent}`))).toEqual([`message: ${line}`]);
    expect(errors).toEqual([]);
    await serve.stop();
  }, 90_000);
});
