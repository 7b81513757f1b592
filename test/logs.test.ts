// What a program prints on its way up and down: an early exit shows its own error and nothing from the logger's
// plumbing.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "./harness/bin";
import { killAll, startProc } from "./harness/proc";
import { tsProc } from "./harness/roomcast";

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
