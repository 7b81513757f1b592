import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { loadConfig, envName, ConfigError, configPath, configSource } from "./load";
import { envCatalog, checkEnv, settingEnvName } from "./env";

const defaults = { ws: { port: 3102, path: "/room", compress: false }, discovery: { etcd: ["127.0.0.1:2379"] } };
const dir = mkdtempSync(path.join(tmpdir(), "roomcast-config-"));
function toml(text: string): string {
  const f = path.join(dir, `${Math.random()}.toml`);
  writeFileSync(f, text);
  return f;
}

describe("config", () => {
  it("defaults stand when there is no file and no environment", () => {
    expect(loadConfig(defaults, undefined, {})).toEqual(defaults);
  });

  it("the TOML file overrides defaults and the environment overrides the file", () => {
    const f = toml('[ws]\nport = 4000\npath = "/x"\n');
    const c = loadConfig(defaults, f, { ROOMCAST_WS_PORT: "5000", ROOMCAST_DISCOVERY_ETCD: "a:1, b:2", ROOMCAST_WS_COMPRESS: "true" });
    expect(c.ws).toEqual({ port: 5000, path: "/x", compress: true });
    expect(c.discovery.etcd).toEqual(["a:1", "b:2"]);
  });

  it("does not modify the defaults object", () => {
    loadConfig(defaults, toml("[ws]\nport = 1\n"), {});
    expect(defaults.ws.port).toBe(3102);
  });

  it("an unknown key is an error naming it", () => {
    expect(() => loadConfig(defaults, toml("[ws]\nprot = 1\n"), {})).toThrow(/unknown key "ws.prot"/);
  });

  it("a wrong type is an error", () => {
    expect(() => loadConfig(defaults, toml('[ws]\nport = "x"\n'), {})).toThrow(ConfigError);
    expect(() => loadConfig(defaults, undefined, { ROOMCAST_WS_PORT: "abc" })).toThrow(/not a number/);
    expect(() => loadConfig(defaults, undefined, { ROOMCAST_WS_COMPRESS: "yes" })).toThrow(/not a boolean/);
  });

  it("broken TOML is an error naming the file", () => {
    const f = toml("[ws\nport=");
    expect(() => loadConfig(defaults, f, {})).toThrow(f);
  });

  it("environment names are upper snake case", () => {
    expect(envName(["ws", "heartbeatTimeoutSec"])).toBe("ROOMCAST_WS_HEARTBEAT_TIMEOUT_SEC");
  });

  it("--config beats ROOMCAST_CONFIG beats the default path", () => {
    expect(configPath(["--config", "a.toml"], { ROOMCAST_CONFIG: "b.toml" }, "c.toml")).toBe("a.toml");
    expect(configPath([], { ROOMCAST_CONFIG: "b.toml" }, "c.toml")).toBe("b.toml");
    expect(configPath([], {}, "c.toml")).toBe("c.toml");
  });
});

describe("environment catalog", () => {
  const tiers = {
    conn: { node: { id: "conn-0" }, ws: { port: 3102 }, logic: { timeoutMs: 3000 }, log: { level: "info" } },
    logic: { node: { id: "logic-0" }, http: { port: 3111 }, token: { secret: "" }, log: { level: "info" } },
    job: { node: { id: "job-0" }, http: { port: 3121 }, log: { level: "info" } },
  };
  const catalog = envCatalog(tiers, { ROOMCAST_CONFIG: "the file" });

  it("names a tier's settings ROOMCAST_<TIER>_<SECTION>_<KEY> and [log] ROOMCAST_LOG_<KEY>", () => {
    const names = catalog.vars.map((v) => v.name);
    expect(names).toEqual(
      expect.arrayContaining(["ROOMCAST_CONN_WS_PORT", "ROOMCAST_LOGIC_TOKEN_SECRET", "ROOMCAST_JOB_HTTP_PORT", "ROOMCAST_LOG_LEVEL"]),
    );
    expect(names).not.toContain("ROOMCAST_CONN_LOG_LEVEL");
    expect(settingEnvName("conn", ["ws", "port"])).toBe("ROOMCAST_CONN_WS_PORT");
    expect(settingEnvName(undefined, ["conn", "ws", "port"])).toBe("ROOMCAST_CONN_WS_PORT");
    expect(settingEnvName("conn", ["log", "level"])).toBe("ROOMCAST_LOG_LEVEL");
  });

  it("accepts every setting of every tier and the known names, in any program", () => {
    expect(() =>
      checkEnv({ ROOMCAST_LOGIC_TOKEN_SECRET: "s", ROOMCAST_JOB_HTTP_PORT: "1", ROOMCAST_CONFIG: "x", PATH: "/bin" }, catalog, "conn"),
    ).not.toThrow();
  });

  it("refuses a typo with the closest name, and an old-style name with its new one (own tier first)", () => {
    expect(() => checkEnv({ ROOMCAST_CONN_WS_PROT: "1" }, catalog)).toThrow(
      /unknown environment variable ROOMCAST_CONN_WS_PROT \(did you mean ROOMCAST_CONN_WS_PORT\?\)/,
    );
    expect(() => checkEnv({ ROOMCAST_WHATEVER: "1" }, catalog)).toThrow(/unknown environment variable ROOMCAST_WHATEVER\b/);
    expect(() => checkEnv({ ROOMCAST_HTTP_PORT: "1" }, catalog, "job")).toThrow(
      /ROOMCAST_HTTP_PORT is no longer read: its name is now ROOMCAST_JOB_HTTP_PORT\b/,
    );
    expect(() => checkEnv({ ROOMCAST_HTTP_PORT: "1" }, catalog)).toThrow(/now ROOMCAST_LOGIC_HTTP_PORT or ROOMCAST_JOB_HTTP_PORT/);
    // conn's [logic] section: its old name looks like logic's prefix, and still maps to conn's setting.
    expect(() => checkEnv({ ROOMCAST_LOGIC_TIMEOUT_MS: "1" }, catalog, "logic")).toThrow(/now ROOMCAST_CONN_LOGIC_TIMEOUT_MS/);
    // Every problem at once.
    expect(() => checkEnv({ ROOMCAST_A: "1", ROOMCAST_WS_PORT: "2" }, catalog)).toThrow(/ROOMCAST_A.*ROOMCAST_WS_PORT/);
  });

  it("configSource: --config FILE, --config=FILE, then ROOMCAST_CONFIG, and says who named it", () => {
    expect(configSource(["--config", "a.toml"], {}, "c.toml")).toEqual({ file: "a.toml", namedBy: "--config" });
    expect(configSource(["--", "--config=a.toml"], {}, "c.toml")).toEqual({ file: "a.toml", namedBy: "--config" });
    expect(configSource([], { ROOMCAST_CONFIG: "b.toml" }, "c.toml")).toEqual({ file: "b.toml", namedBy: "ROOMCAST_CONFIG" });
    expect(configSource([], {}, "c.toml")).toEqual({ file: "c.toml" });
    expect(() => configSource(["--config"], {}, "c.toml")).toThrow(/--config needs a file name/);
  });

  it("a named file that does not exist is an error; the default one may be missing", () => {
    expect(() => loadConfig(defaults, path.join(dir, "missing.toml"), {}, { namedBy: "--config" })).toThrow(
      /missing\.toml \(named by --config\) does not exist/,
    );
    expect(loadConfig(defaults, path.join(dir, "missing.toml"), {})).toEqual(defaults);
  });
});
