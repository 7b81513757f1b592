// README configuration promises, on real processes: unknown keys, wrong types, malformed environment values, a
// ROOMCAST_* variable that names no setting (a typo, an old-style name) and a --config file that does not exist stop
// start-up with exit 1 and a message naming them; the README lists every variable; POST /tk and the chat page answer
// 404 where they are off (logic's built-in default; standalone and the local cluster turn them on).
import * as path from "node:path";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { Tokens } from "@roomcast/pkg/token";
import { startStandalone, tsProc, TOKEN_SECRET, type Target } from "./harness/roomcast";
import { freePort, startProc } from "./harness/proc";
import { repoRoot } from "./harness/bin";
import { startNsq, type Nsq } from "./harness/nsq";
import { envTable, roomcastEnv } from "../cmd/settings";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "roomcast-config-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

let fileSeq = 0;
function tomlFile(text: string): string {
  const file = path.join(dir, `config-${++fileSeq}.toml`);
  writeFileSync(file, text);
  return file;
}

const mains = {
  standalone: "cmd/standalone/main.ts",
  conn: "cmd/conn/main.ts",
  logic: "cmd/logic/main.ts",
  job: "cmd/job/main.ts",
} as const;

/** Starts a program that is expected to refuse its configuration; resolves with its exit code and output. */
async function startRefused(
  program: keyof typeof mains,
  env: Record<string, string>,
  args: string[] = [],
): Promise<{ code: number | null; output: string }> {
  // Free ports, in case it wrongly starts.
  const [a, b] = [String(await freePort()), String(await freePort())];
  const ports: Record<string, string> =
    program === "standalone"
      ? { ROOMCAST_CONN_WS_PORT: a, ROOMCAST_LOGIC_HTTP_PORT: b }
      : program === "conn"
        ? { ROOMCAST_CONN_GRPC_PORT: a, ROOMCAST_CONN_WS_PORT: b }
        : program === "job"
          ? { ROOMCAST_JOB_OPS_PORT: b }
          : { ROOMCAST_LOGIC_GRPC_PORT: a, ROOMCAST_LOGIC_HTTP_PORT: b };
  const p = args.length
    ? startProc(
        `${program}-bad-config`,
        process.execPath,
        ["--import", "tsx", path.join(repoRoot, mains[program]), ...args],
        {
          ROOMCAST_LOG_FILE: path.join(dir, `${program}-bad-config.log`),
          ...ports,
          ...env,
        },
        repoRoot,
      )
    : tsProc(`${program}-bad-config`, mains[program], { ...ports, ...env }, dir);
  const timer = setTimeout(() => void p.stop(), 30_000);
  const code = await p.exited;
  clearTimeout(timer);
  return { code, output: p.output() };
}

describe("a configuration mistake stops a real process with a message naming it", () => {
  it.each(Object.keys(mains) as Array<keyof typeof mains>)(
    "%s: an unknown key in the TOML file",
    async (program) => {
      const key = program === "standalone" ? "conn.ws.heartbeatTimeoutSecs" : program === "job" ? "ops.portt" : "node.idd";
      const [section, name] = [key.slice(0, key.lastIndexOf(".")), key.slice(key.lastIndexOf(".") + 1)];
      const r = await startRefused(program, { ROOMCAST_CONFIG: tomlFile(`[${section}]\n${name} = 5\n`) });
      expect(r.code).toBe(1);
      expect(r.output).toContain(`unknown key "${key}"`);
    },
    40_000,
  );

  it("standalone: an unknown section", async () => {
    const r = await startRefused("standalone", { ROOMCAST_CONFIG: tomlFile(`[conn.wss]\nport = 1\n`) });
    expect(r.code).toBe(1);
    expect(r.output).toContain(`unknown key "conn.wss"`);
  }, 40_000);

  it.each([
    ["a string for a number", `[conn.ws]\nport = "3102"\n`, "conn.ws.port", /must be a number/],
    ["a number for a boolean", `[logic.http]\nenableChatPage = 1\n`, "logic.http.enableChatPage", /must be a boolean/],
    ["a number for an array", `[conn.discovery]\netcd = 2379\n`, "conn.discovery.etcd", /must be an array/],
    ["a value for a table", `conn = 5\n`, "conn", /must be a table/],
  ])(
    "standalone: a wrong type in the TOML file (%s)",
    async (_what, toml, key, why) => {
      const r = await startRefused("standalone", { ROOMCAST_CONFIG: tomlFile(toml) });
      expect(r.code).toBe(1);
      expect(r.output).toContain(`"${key}"`);
      expect(r.output).toMatch(why);
    },
    40_000,
  );

  it.each([
    ["ROOMCAST_CONN_WS_HEARTBEAT_TIMEOUT_SEC", "ten", /is not a number/],
    ["ROOMCAST_CONN_WS_MESSAGE_BURST", "", /is not a number/],
    ["ROOMCAST_LOGIC_HTTP_ENABLE_TOKEN_ENDPOINT", "yes", /is not a boolean/],
  ])(
    "standalone: a malformed environment value %s=%j",
    async (name, value, why) => {
      const r = await startRefused("standalone", { [name]: value });
      expect(r.code).toBe(1);
      expect(r.output).toContain(name);
      expect(r.output).toMatch(why);
    },
    40_000,
  );

  it("standalone: ROOMCAST_CONFIG naming a file that does not exist", async () => {
    const missing = path.join(dir, "nope.toml");
    const r = await startRefused("standalone", { ROOMCAST_CONFIG: missing });
    expect(r.code).toBe(1);
    expect(r.output).toContain(missing);
  }, 40_000);

  it.each(["standalone", "conn"] as const)(
    "%s: --config naming a file that does not exist",
    async (program) => {
      const missing = path.join(dir, "nope.toml");
      for (const args of [["--config", missing], [`--config=${missing}`]]) {
        const r = await startRefused(program, {}, args);
        expect(r.code).toBe(1);
        expect(r.output).toContain(`${program} failed to start: config file ${missing} (named by --config) does not exist`);
      }
    },
    60_000,
  );

  it("pnpm start --config FILE reaches standalone (as the README shows it)", async () => {
    const missing = path.join(dir, "nope-pnpm.toml");
    const p = startProc("pnpm-start", "pnpm", ["-s", "start", "--config", missing], {}, repoRoot);
    const timer = setTimeout(() => void p.stop(), 30_000);
    const code = await p.exited;
    clearTimeout(timer);
    expect(code).toBe(1);
    expect(p.output()).toContain(`config file ${missing} (named by --config) does not exist`);
  }, 40_000);

  it.each([
    ["standalone", "ROOMCAST_CONN_WS_PORTT", "ROOMCAST_CONN_WS_PORT"],
    ["conn", "ROOMCAST_CONN_WS_PORTT", "ROOMCAST_CONN_WS_PORT"],
    // A typo in another tier's variable is caught too: one environment file can serve every process.
    ["conn", "ROOMCAST_LOGIC_TOKEN_SECRT", "ROOMCAST_LOGIC_TOKEN_SECRET"],
    ["standalone", "ROOMCAST_LOG_LEVLE", "ROOMCAST_LOG_LEVEL"],
  ] as const)(
    "%s: a typo'd variable %s",
    async (program, name, meant) => {
      const r = await startRefused(program, { [name]: "1" });
      expect(r.code).toBe(1);
      expect(r.output).toContain(`${program} failed to start: unknown environment variable ${name} (did you mean ${meant}?)`);
    },
    40_000,
  );

  it.each([
    ["conn", "ROOMCAST_WS_PORT", "ROOMCAST_CONN_WS_PORT"],
    ["conn", "ROOMCAST_NODE_ID", "ROOMCAST_CONN_NODE_ID"],
    ["conn", "ROOMCAST_LOGIC_TIMEOUT_MS", "ROOMCAST_CONN_LOGIC_TIMEOUT_MS"],
    ["standalone", "ROOMCAST_TOKEN_SECRET", "ROOMCAST_LOGIC_TOKEN_SECRET"],
    ["standalone", "ROOMCAST_HTTP_PORT", "ROOMCAST_LOGIC_HTTP_PORT"],
  ] as const)(
    "%s: an old-style name %s is refused with its new name",
    async (program, name, instead) => {
      const r = await startRefused(program, { [name]: "1" });
      expect(r.code).toBe(1);
      expect(r.output).toContain(`${program} failed to start: ${name} is no longer read: its name is now ${instead}`);
    },
    40_000,
  );

  it("conn: a malformed environment value", async () => {
    const r = await startRefused("conn", { ROOMCAST_CONN_WS_HEARTBEAT_TIMEOUT_SEC: "ten" });
    expect(r.code).toBe(1);
    expect(r.output).toContain(`conn failed to start: ROOMCAST_CONN_WS_HEARTBEAT_TIMEOUT_SEC="ten" is not a number`);
  }, 40_000);

  it("standalone: [conn.log] is refused (standalone has one log, its top-level [log])", async () => {
    const r = await startRefused("standalone", { ROOMCAST_CONFIG: tomlFile(`[conn.log]\nlevel = "debug"\n`) });
    expect(r.code).toBe(1);
    expect(r.output).toContain(`unknown key "conn.log"`);
  }, 40_000);
});

describe("every environment variable is documented and every script uses the current names", () => {
  const readme = readFileSync(path.join(repoRoot, "README.md"), "utf8");

  it("the README's table lists every variable the defaults define (regenerate: node --import tsx cmd/settings.ts)", () => {
    const m = /<!-- env-table:begin -->\n([\s\S]*?)\n<!-- env-table:end -->/.exec(readme);
    expect(m).not.toBeNull();
    expect(m![1]).toBe(envTable());
    // The table is built from the defaults: a setting added to a tier lands in it.
    const catalog = roomcastEnv();
    for (const v of catalog.vars) expect(m![1]).toContain(`| \`${v.name}\` |`);
    expect(catalog.vars.map((v) => v.name)).toEqual(
      expect.arrayContaining([
        "ROOMCAST_CONN_WS_PORT",
        "ROOMCAST_LOGIC_TOKEN_SECRET",
        "ROOMCAST_JOB_BATCH_WINDOW_MS",
        "ROOMCAST_LOG_LEVEL",
      ]),
    );
  });

  it("deploy scripts, TOML comments, the test harness, the bench and the README name only variables that exist", () => {
    const catalog = roomcastEnv();
    const valid = new Set([...catalog.vars.map((v) => v.name), ...Object.keys(catalog.known)]);
    const files = [
      ...readdirSync(path.join(repoRoot, "deploy"), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => path.relative(repoRoot, path.join(e.parentPath, e.name))),
      ...["conn", "logic", "job", "standalone"].map((t) => `cmd/${t}/${t}.toml`),
      ...readdirSync(path.join(repoRoot, "test/harness")).map((f) => path.join("test/harness", f)),
      ...readdirSync(path.join(repoRoot, "test/bench/systems")).map((f) => path.join("test/bench/systems", f)),
      "README.md",
      "docs/design.md",
    ];
    const wrong: string[] = [];
    for (const f of files) {
      const text = readFileSync(path.join(repoRoot, f), "utf8");
      for (const m of text.matchAll(/\bROOMCAST_[A-Z0-9_]*[A-Z0-9]\b/g)) {
        const name = m[0];
        // The README may name an old-style name where it says what replaced it, and a typo where it quotes the refusal.
        const quoted = f === "README.md" && (catalog.renamed.has(name) || /unknown environment variable\s+$/.test(text.slice(0, m.index)));
        if (!valid.has(name) && !quoted) wrong.push(`${f}: ${name}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

const tokens = new Tokens({ secret: TOKEN_SECRET, ttlSec: 600 });

async function expectOff(httpUrl: string): Promise<void> {
  const tk = await fetch(`${httpUrl}/tk`, { method: "POST", body: JSON.stringify({ uid: "alice" }) });
  expect(tk.status).toBe(404);
  expect(((await tk.json()) as { code: number }).code).toBe(0);
  for (const p of ["/", "/chat.js", "/chat.css"])
    expect({ path: p, status: (await fetch(`${httpUrl}${p}`)).status }).toEqual({ path: p, status: 404 });
  // The node is up and answers everything else.
  expect((await fetch(`${httpUrl}/nodes`)).status).toBe(200);
  const msg = await fetch(`${httpUrl}/msg`, {
    method: "POST",
    headers: { authorization: tokens.sign("svc", "push") },
    body: JSON.stringify({ room_id: "r", msg: "x" }),
  });
  expect(msg.status).toBe(200);
}

describe("POST /tk and the chat page answer 404 where they are off", () => {
  let t: Target | undefined;
  afterEach(async () => {
    await t?.stop();
    t = undefined;
  });

  it("standalone with both turned off in its TOML file", async () => {
    const file = tomlFile(`[logic.http]\nenableTokenEndpoint = false\nenableChatPage = false\n`);
    t = await startStandalone({ ROOMCAST_CONFIG: file });
    await expectOff(t.httpUrls[0]!);
  }, 60_000);

  it("standalone with both turned off by environment variables", async () => {
    t = await startStandalone({ ROOMCAST_LOGIC_HTTP_ENABLE_TOKEN_ENDPOINT: "false", ROOMCAST_LOGIC_HTTP_ENABLE_CHAT_PAGE: "0" });
    await expectOff(t.httpUrls[0]!);
  }, 60_000);

  it("standalone as shipped has both on (the control for the two above)", async () => {
    t = await startStandalone();
    const tk = await fetch(`${t.httpUrls[0]}/tk`, { method: "POST", body: JSON.stringify({ uid: "alice" }) });
    expect(tk.status).toBe(200);
    const page = await fetch(`${t.httpUrls[0]}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html/i);
  }, 60_000);

  describe("a logic node whose config does not mention them (built-in defaults)", () => {
    let nsq: Nsq;
    beforeAll(async () => {
      nsq = await startNsq();
    }, 60_000);
    afterAll(async () => {
      await nsq?.stop();
    });

    it("answers 404 at POST /tk and GET /", async () => {
      const http = await freePort();
      const file = tomlFile(
        [
          `[node]\nid = "logic-config-test"`,
          `[http]\nport = ${http}`,
          `[grpc]\nport = ${await freePort()}`,
          `[token]\nsecret = "${TOKEN_SECRET}"`,
          `[queue]\nnsqdTcp = "${nsq.nsqdTcp}"\nnsqdHttp = "${nsq.nsqdHttp}"\nlookupdHttp = ["${nsq.lookupdHttp}"]`,
          `[discovery]\nkind = "static"`,
          `[log]\nfile = ""`,
        ].join("\n"),
      );
      const p = tsProc("logic-defaults", mains.logic, { ROOMCAST_CONFIG: file }, dir);
      try {
        await p.waitFor("logic ready", 30_000);
        await expectOff(`http://127.0.0.1:${http}`);
      } finally {
        expect(await p.stop()).toBe(0);
      }
    }, 60_000);
  });
});
