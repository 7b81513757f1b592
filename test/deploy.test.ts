// The production configs deploy/ ships: valid for their programs, production mode, no secret inside, every internal
// link over TLS, ops on loopback, no token endpoint. A logic started from its file without a secret refuses to start.
import * as path from "node:path";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { loadConfig } from "@roomcast/pkg/config";
import { defaultConnConfig } from "@roomcast/internal/conn/config";
import { defaultLogicConfig } from "@roomcast/internal/logic/config";
import { defaultJobConfig } from "@roomcast/internal/job/config";
import { tsProc } from "./harness/roomcast";

const dir = path.resolve(__dirname, "../deploy/production");
const file = (tier: string) => path.join(dir, `${tier}.toml`);

describe("deploy/production", () => {
  it.each([
    ["conn", () => loadConfig(defaultConnConfig(), file("conn"), {})],
    ["logic", () => loadConfig(defaultLogicConfig(), file("logic"), {})],
    ["job", () => loadConfig(defaultJobConfig(), file("job"), {})],
  ] as const)("%s.toml is a valid production config with TLS on every internal link and ops on loopback", (tier, load) => {
    const cfg = load() as ReturnType<typeof defaultLogicConfig> & ReturnType<typeof defaultConnConfig>;
    expect(cfg.mode).toBe("production");
    expect(cfg.tls.grpc && cfg.tls.etcd).toBe(true);
    if (tier !== "conn") expect(cfg.tls.nsq).toBe(true);
    expect(cfg.tls.allowPlaintextInternal).toBe(false);
    expect(cfg.ops.listenHost).toBe("127.0.0.1");
    expect(readFileSync(file(tier), "utf8")).not.toMatch(/^\s*(secret|etcdPassword)\s*=/m);
  });

  it("logic.toml keeps the token endpoint and open rooms off and takes its secret from a file", () => {
    const cfg = loadConfig(defaultLogicConfig(), file("logic"), {});
    expect([cfg.http.enableTokenEndpoint, cfg.http.enableChatPage, cfg.token.openRooms]).toEqual([false, false, false]);
    expect(cfg.token.secret).toBe("");
    expect(cfg.token.secretFile).not.toBe("");
  });

  it("a logic started from logic.toml whose secret file is missing exits 1 saying so", async () => {
    const logs = mkdtempSync(path.join(tmpdir(), "roomcast-deploy-"));
    const proc = tsProc("logic-prod", "cmd/logic/main.ts", { ROOMCAST_CONFIG: file("logic"), ROOMCAST_MODE: undefined }, logs);
    const code = await Promise.race([proc.exited, new Promise((r) => setTimeout(() => r("still running"), 20_000))]);
    if (code === "still running") await proc.kill9();
    expect(code).toBe(1);
    expect(proc.output()).toContain("cannot read token.secretFile /etc/roomcast/token-secret");
  }, 30_000);
});
