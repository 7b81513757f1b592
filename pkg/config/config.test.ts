import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { loadConfig, envName, ConfigError, configPath } from "./load";

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
