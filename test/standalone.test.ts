// The protocol suite against standalone: one process, in-memory queue, static discovery.
import { startStandalone, type Target } from "./harness/roomcast";
import { protocolSuite } from "./suite/protocol";
import { protocol2Suite } from "./suite/protocol2";
import { pushApiSuite } from "./suite/push_api";
import { HISTORY_ENV, historySuite } from "./suite/history";

let target: Target;

beforeAll(async () => {
  // The protocol 2 suite's rooms "events-*" get presence events; the history suite's rules and caps.
  target = await startStandalone({ ROOMCAST_CONN_WS_PRESENCE_EVENTS: "events-*", ...HISTORY_ENV });
}, 60_000);

afterAll(async () => {
  await target?.stop();
});

describe("standalone", () => {
  it("runs uWebSockets.js's native binary, not the JS fallback", () => {
    expect(target.procs[0]!.output()).toMatch(/"uws":"native [^"]+uws_linux_x64_115\.node"/);
  });

  protocolSuite(() => target);
  protocol2Suite(() => target, "proto");
  protocol2Suite(() => target, "json");
  pushApiSuite(() => target);
  historySuite(() => target, "proto", "memory");
  historySuite(() => target, "json", "memory");

  it("stops cleanly on SIGTERM with exit code 0", async () => {
    const t = await startStandalone();
    expect(await t.procs[0]!.stop()).toBe(0);
    await t.stop();
  }, 60_000);
});
