// What a program prints on its way up and down: an early exit shows its own error and nothing from the logger's
// plumbing; stdout is pino JSON when piped and a human line per event on a terminal (or with log.format "pretty"), the
// live.log file always JSON; standalone's ready line says where to connect and where the chat page is.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "./harness/bin";
import { killAll, onFreePorts, startProc, startReady } from "./harness/proc";
import { startStandalone, tsProc, type Target } from "./harness/roomcast";
import { until } from "./support/wait";

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "roomcast-logs-"));
});
afterAll(async () => {
  await killAll();
  rmSync(tmp, { recursive: true, force: true });
});

describe("an early exit prints only its real error", () => {
  it("standalone that cannot start (empty token secret) exits 1 naming it, without 'sonic boom'", async () => {
    const proc = tsProc("standalone", "cmd/standalone/main.ts", { ROOMCAST_LOGIC_TOKEN_SECRET: "" }, tmp);
    expect(await proc.exited).toBe(1);
    expect(proc.output()).toContain("token secret is empty");
    expect(proc.output()).not.toMatch(/sonic.?boom/i);
  }, 30_000);

  it("a process that exits right after logging to stdout and a file: no 'sonic boom', the line reached both", async () => {
    const file = path.join(tmp, "exit", "live.log");
    const script = path.join(tmp, "exit.ts");
    writeFileSync(
      script,
      `import { createLogger } from ${JSON.stringify(path.join(repoRoot, "pkg/log/log.ts"))};\n` +
        `const log = createLogger({ name: "t", level: "info", file: ${JSON.stringify(file)} });\n` +
        `log.info("last words");\n` +
        `process.exit(3);\n`,
    );
    const proc = startProc("exit", process.execPath, ["--import", "tsx", script], {}, repoRoot);
    expect(await proc.exited).toBe(3);
    expect(proc.output()).not.toMatch(/sonic.?boom/i);
    expect(proc.output()).toContain("last words");
    expect(readFileSync(file, "utf8")).toContain("last words");
  }, 30_000);
});

/** The human line pino-pretty prints: [HH:MM:ss.mmm] LEVEL (name): message {fields}. */
const HUMAN_LINE = /^\[\d\d:\d\d:\d\d\.\d{3}\] (INFO|WARN|ERROR|DEBUG|FATAL) \(standalone\): /;
// eslint-disable-next-line no-control-regex
const stripColors = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, "").replace(/\r/g, "");
const lines = (text: string) =>
  stripColors(text)
    .split("\n")
    .filter((l) => l.trim() !== "");

/** standalone's ports from the URLs the harness started it on. */
const portsOf = (t: Target) => ({ ws: new URL(t.wsUrls[0]!).port, http: new URL(t.httpUrls[0]!).port });

describe("log format and first words", () => {
  it("piped (the default), standalone prints pino JSON, one object a line, and its ready line says where to connect", async () => {
    const t = await startStandalone();
    try {
      const { ws, http } = portsOf(t);
      const out = lines(t.procs[0]!.output());
      for (const line of out) expect(() => JSON.parse(line)).not.toThrow();
      const msgs = out.map((l) => (JSON.parse(l) as { msg?: string }).msg);
      expect(msgs).toContain(`standalone ready: connect to ws://127.0.0.1:${ws}/room, chat page at http://127.0.0.1:${http}/`);
    } finally {
      await t.stop();
    }
  }, 60_000);

  it('with log.format "pretty" standalone prints human lines on stdout, and its live.log stays JSON', async () => {
    const file = path.join(tmp, "pretty", "live.log");
    const t = await startStandalone({ ROOMCAST_LOG_FORMAT: "pretty", ROOMCAST_LOG_FILE: file });
    try {
      const { ws, http } = portsOf(t);
      const out = lines(t.procs[0]!.output());
      expect(out.length).toBeGreaterThan(0);
      for (const line of out) expect(line).toMatch(HUMAN_LINE);
      expect(out.join("\n")).toMatch(
        new RegExp(
          `\\] INFO \\(standalone\\): standalone ready: connect to ws://127\\.0\\.0\\.1:${ws}/room, chat page at http://127\\.0\\.0\\.1:${http}/ \\{`,
        ),
      );
      // The file is written in the background: wait for the ready line, then check every line is JSON.
      const ready = `standalone ready: connect to ws://127.0.0.1:${ws}/room, chat page at http://127.0.0.1:${http}/`;
      await until("live.log has the ready line", () => readFileSync(file, "utf8").includes(ready));
      const logged = readFileSync(file, "utf8").split("\n").filter(Boolean);
      expect(logged.map((l) => (JSON.parse(l) as { msg: string }).msg)).toContain(ready);
    } finally {
      await t.stop();
    }
  }, 60_000);

  it("on a terminal (the default format auto) standalone prints human lines", async () => {
    const file = path.join(tmp, "tty", "live.log");
    // script(1) gives standalone a pseudo-terminal for stdout, as a user's shell would; SIGTERM to script ends it.
    const proc = await onFreePorts(2, ([ws, http]) =>
      startReady(
        () =>
          startProc(
            "standalone on a tty",
            "script",
            ["-qfec", `exec ${JSON.stringify(process.execPath)} --import tsx cmd/standalone/main.ts`, "/dev/null"],
            {
              ROOMCAST_CONN_WS_PORT: String(ws),
              ROOMCAST_LOGIC_HTTP_PORT: String(http),
              ROOMCAST_CONN_OPS_PORT: "0",
              ROOMCAST_LOG_FILE: file,
            },
            repoRoot,
          ),
        "standalone ready",
      ),
    );
    try {
      const out = lines(proc.output());
      expect(out.length).toBeGreaterThan(0);
      for (const line of out) expect(line).toMatch(HUMAN_LINE);
      expect(out.join("\n")).toMatch(
        /standalone ready: connect to ws:\/\/127\.0\.0\.1:\d+\/room, chat page at http:\/\/127\.0\.0\.1:\d+\//,
      );
      expect(proc.output()).toContain("\x1b["); // colored, as pino-pretty does on a terminal
    } finally {
      await proc.stop();
    }
  }, 60_000);

  it("an unknown log.format stops start-up naming the setting and the choices", async () => {
    const proc = tsProc("standalone", "cmd/standalone/main.ts", { ROOMCAST_LOG_FORMAT: "fancy" }, tmp);
    expect(await proc.exited).toBe(1);
    expect(proc.output()).toContain('log.format must be one of "auto", "json", "pretty", got "fancy"');
  }, 30_000);
});
