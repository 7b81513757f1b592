import { MemoryHistory } from "./memory";
import { RetentionRules } from "./retention";
import { historyContract } from "../../test/contract/history";

historyContract("memory", async (rules, now) => {
  const history = new MemoryHistory(rules, now);
  return { history, cleanup: () => history.close() };
});

describe("MemoryHistory", () => {
  it("forgets a room silent for its whole retention: its next message starts a new epoch at offset 1", async () => {
    let t = 0;
    const h = new MemoryHistory(new RetentionRules([{ prefix: "", maxMessages: 10, maxAgeSec: 60 }]), () => t);
    const [a] = await h.append([{ room: "r", messages: [{ id: "1", data: new Uint8Array(1), type: "", level: 0, uid: "u" }] }]);
    t += 61_000;
    expect(await h.since("r", a!.epoch, 1, 10)).toEqual({ ok: false, reason: "epoch", epoch: "", offset: 0 });
    const [b] = await h.append([{ room: "r", messages: [{ id: "2", data: new Uint8Array(1), type: "", level: 0, uid: "u" }] }]);
    expect(b!.first).toBe(1);
    expect(b!.epoch).not.toBe(a!.epoch);
    await h.close();
  });
});
