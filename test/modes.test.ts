// Modes and the ops listener (README, "Production"), on real processes: the TOMLs beside the mains are dev, a file
// that does not say is production; production refuses POST /tk, a secret in a TOML, no secret, a development secret
// and a short one, each with exit 1 and a sentence that says what to do, and starts with a good secret from a file.
// /metrics and /healthz answer on the ops listener (127.0.0.1) and nowhere else.
import * as path from "node:path";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { parse as parseToml } from "smol-toml";
import { opsUrlOf, tsProc } from "./harness/roomcast";
import { freePort, type Proc } from "./harness/proc";
import { repoRoot } from "./harness/bin";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "roomcast-modes-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

let seq = 0;
function file(name: string, text: string): string {
  const f = path.join(dir, `${++seq}-${name}`);
  writeFileSync(f, text);
  return f;
}

const GOOD_SECRET = randomBytes(48).toString("base64");
const MAKE_SECRET = "generate one with `openssl rand -base64 48` and set ROOMCAST_LOGIC_TOKEN_SECRET or token.secretFile";

/** Starts a program expected to refuse; resolves with its exit code and output (killed after 30 s if it does not exit). */
async function refused(main: string, env: Record<string, string | undefined>): Promise<{ code: number | null; output: string }> {
  const p = tsProc(`refused-${++seq}`, main, { ROOMCAST_MODE: undefined, ...env }, dir);
  const timer = setTimeout(() => void p.kill9(), 30_000);
  const code = await p.exited;
  clearTimeout(timer);
  return { code, output: p.output() };
}

/** A logic node's own TOML: static discovery and a port of its own, so nothing else is needed to reach the checks. */
async function logicToml(extra: string): Promise<string> {
  return file(
    "logic.toml",
    `${extra}\n[http]\nport = ${await freePort()}\n[grpc]\nport = ${await freePort()}\n[discovery]\nkind = "static"\n[log]\nfile = ""\n`,
  );
}

/** A standalone TOML that says nothing of mode, on free ports. */
async function standaloneToml(extra = ""): Promise<{ file: string; ws: number; http: number }> {
  const [ws, http] = [await freePort(), await freePort()];
  const f = file("standalone.toml", `${extra}\n[conn.ws]\nport = ${ws}\n[logic.http]\nport = ${http}\n[log]\nfile = ""\n`);
  return { file: f, ws, http };
}

const logic = "cmd/logic/main.ts";
const standalone = "cmd/standalone/main.ts";

describe("modes", () => {
  it('the TOML beside every main says mode = "dev"', () => {
    for (const t of ["conn", "logic", "job", "standalone"]) {
      const toml = parseToml(readFileSync(path.join(repoRoot, `cmd/${t}/${t}.toml`), "utf8")) as { mode?: unknown };
      expect({ file: `cmd/${t}/${t}.toml`, mode: toml.mode }).toEqual({ file: `cmd/${t}/${t}.toml`, mode: "dev" });
    }
  });

  describe("standalone as shipped (its TOML, no ROOMCAST_MODE) runs in dev mode and mints at POST /tk", () => {
    let p: Proc | undefined;
    afterAll(async () => {
      await p?.stop();
    });
    it("ready line says dev, /tk answers 200", async () => {
      const [ws, http] = [await freePort(), await freePort()];
      p = tsProc(
        "standalone-dev",
        standalone,
        { ROOMCAST_MODE: undefined, ROOMCAST_CONN_WS_PORT: String(ws), ROOMCAST_LOGIC_HTTP_PORT: String(http) },
        dir,
      );
      await p.waitFor("standalone ready", 30_000);
      expect(p.output()).toMatch(/"mode":"dev"/);
      const tk = await fetch(`http://127.0.0.1:${http}/tk`, { method: "POST", body: JSON.stringify({ uid: "alice" }) });
      expect(tk.status).toBe(200);
    }, 45_000);
  });

  describe("production with a good secret from token.secretFile (a file that does not say mode)", () => {
    let p: Proc | undefined;
    let ws = 0;
    let http = 0;
    afterAll(async () => {
      await p?.stop();
    });
    beforeAll(async () => {
      const secretFile = file("secret", `${GOOD_SECRET}\n`);
      const cfg = await standaloneToml(`[logic.token]\nsecretFile = "${path.basename(secretFile)}"`);
      [ws, http] = [cfg.ws, cfg.http];
      p = tsProc("standalone-production", standalone, { ROOMCAST_MODE: undefined, ROOMCAST_CONFIG: cfg.file }, dir);
      await p.waitFor("standalone ready", 30_000);
    }, 45_000);

    it("starts, and its ready line says production (the built-in default)", () => {
      expect(p!.output()).toMatch(/"mode":"production"/);
    });

    it("POST /tk is 404 and there is no chat page", async () => {
      const tk = await fetch(`http://127.0.0.1:${http}/tk`, { method: "POST", body: JSON.stringify({ uid: "alice", scope: "push" }) });
      expect(tk.status).toBe(404);
      for (const page of ["/", "/chat.js"])
        expect({ page, status: (await fetch(`http://127.0.0.1:${http}${page}`)).status }).toEqual({ page, status: 404 });
    });

    it("the public ports answer 404 at /metrics and /healthz; the ops listener answers both, on 127.0.0.1", async () => {
      for (const port of [ws, http])
        for (const route of ["/metrics", "/healthz"])
          expect({ port, route, status: (await fetch(`http://127.0.0.1:${port}${route}`)).status }).toEqual({ port, route, status: 404 });
      const ops = opsUrlOf(p!);
      const metrics = await fetch(`${ops}/metrics`);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toMatch(/^roomcast_conn_connections(\{[^}]*\})? 0$/m);
      const health = await fetch(`${ops}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ ok: true, connections: 0 });
      // Bound to loopback only (the built-in [ops] listenHost): /proc/net/tcp lists it as 0100007F:PORT in LISTEN.
      const port = Number(new URL(ops).port).toString(16).toUpperCase().padStart(4, "0");
      const listening = readFileSync("/proc/net/tcp", "utf8")
        .split("\n")
        .filter((l) => l.trim().split(/\s+/)[3] === "0A" && l.trim().split(/\s+/)[1]!.endsWith(`:${port}`))
        .map((l) => l.trim().split(/\s+/)[1]);
      expect(listening).toEqual([`0100007F:${port}`]);
    });
  });

  describe("a production start that cannot be safe exits 1 and says what to do", () => {
    it("no secret at all", async () => {
      const cfg = await standaloneToml();
      const r = await refused(standalone, { ROOMCAST_CONFIG: cfg.file });
      expect(r.code).toBe(1);
      expect(r.output).toContain(
        `standalone failed to start: no token secret: production mode needs one from the environment or a file; ${MAKE_SECRET}`,
      );
    }, 40_000);

    it("the development secret that ships in the repository", async () => {
      const r = await refused(logic, { ROOMCAST_CONFIG: await logicToml(""), ROOMCAST_LOGIC_TOKEN_SECRET: "roomcast-dev-secret" });
      expect(r.code).toBe(1);
      expect(r.output).toContain(
        `logic failed to start: the token secret is "roomcast-dev-secret", a development secret that ships with roomcast: anyone can forge tokens with it. Production needs a secret of your own; ${MAKE_SECRET}`,
      );
    }, 40_000);

    it("a 10-byte secret", async () => {
      const r = await refused(logic, { ROOMCAST_CONFIG: await logicToml(""), ROOMCAST_LOGIC_TOKEN_SECRET: "0123456789" });
      expect(r.code).toBe(1);
      expect(r.output).toContain(
        `logic failed to start: the token secret is 10 bytes: production mode needs at least 32, or it can be guessed offline; ${MAKE_SECRET}`,
      );
    }, 40_000);

    it("a token.secret in the TOML file (even a good one, even with the environment's set too)", async () => {
      const cfg = await logicToml(`mode = "production"\n[token]\nsecret = "${GOOD_SECRET}"`);
      const r = await refused(logic, { ROOMCAST_CONFIG: cfg, ROOMCAST_LOGIC_TOKEN_SECRET: GOOD_SECRET });
      expect(r.code).toBe(1);
      expect(r.output).toContain(
        `logic failed to start: ${cfg} sets token.secret: production mode never takes the secret from a config file`,
      );
      expect(r.output).toContain(MAKE_SECRET);
    }, 40_000);

    it("POST /tk turned on", async () => {
      const r = await refused(logic, {
        ROOMCAST_CONFIG: await logicToml(""),
        ROOMCAST_LOGIC_TOKEN_SECRET: GOOD_SECRET,
        ROOMCAST_LOGIC_HTTP_ENABLE_TOKEN_ENDPOINT: "true",
      });
      expect(r.code).toBe(1);
      expect(r.output).toContain(
        "logic failed to start: http.enableTokenEndpoint = true is refused in production mode: POST /tk mints a token for anyone who asks",
      );
    }, 40_000);

    it("the shipped dev TOML with ROOMCAST_MODE=production (its /tk and its dev secret)", async () => {
      const r = await refused(standalone, { ROOMCAST_MODE: "production", ROOMCAST_CONN_WS_PORT: "0", ROOMCAST_LOGIC_HTTP_PORT: "0" });
      expect(r.code).toBe(1);
      expect(r.output).toContain("standalone failed to start: logic.http.enableTokenEndpoint = true is refused in production mode");
    }, 40_000);
  });

  it("a mode that is neither dev nor production stops start-up naming it", async () => {
    const fromEnv = await refused(logic, { ROOMCAST_CONFIG: await logicToml(""), ROOMCAST_MODE: "prod" });
    expect(fromEnv.code).toBe(1);
    expect(fromEnv.output).toContain('logic failed to start: mode "prod" (from ROOMCAST_MODE) is not a mode: use "dev" or "production"');
    const cfg = await logicToml('mode = "staging"');
    const fromFile = await refused(logic, { ROOMCAST_CONFIG: cfg });
    expect(fromFile.code).toBe(1);
    expect(fromFile.output).toContain(`logic failed to start: mode "staging" (from ${cfg}) is not a mode: use "dev" or "production"`);
  }, 60_000);
});
