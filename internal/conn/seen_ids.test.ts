import { MsgLevel } from "@roomcast/pkg/protocol";
import { Rooms } from "./room";
import { SeenIds } from "./seen_ids";

describe("IMPORTANT messages pushed twice", () => {
  function node() {
    const frames: string[] = [];
    const rooms = new Rooms((topic) => frames.push(topic));
    rooms.join("r");
    return { rooms, frames };
  }
  const important = (ids: string[]) => ({ roomID: "r", msgLv: MsgLevel.IMPORTANT, packed: new Uint8Array(4), count: ids.length, ids });

  it("reach the members once when both copies carry the same id", () => {
    const { rooms, frames } = node();
    expect(rooms.deliver(important(["m1"]))).toBe(1);
    expect(rooms.deliver(important(["m1"]))).toBe(0);
    expect(rooms.deliver(important(["m2"]))).toBe(1);
    expect(frames).toEqual(["i:r", "i:r"]);
    expect(rooms.stats.importantRepeats).toBe(1);
  });

  it("are delivered again when the batch holds a message not delivered yet", () => {
    const { rooms, frames } = node();
    rooms.deliver(important(["m1"]));
    expect(rooms.deliver(important(["m1", "m2"]))).toBe(1);
    expect(frames).toHaveLength(2);
  });

  it("without ids (a job from before ids) are always delivered, and NORMAL batches are never held back", () => {
    const { rooms, frames } = node();
    rooms.deliver(important([]));
    rooms.deliver(important([]));
    const normal = { roomID: "r", msgLv: MsgLevel.NORMAL, packed: new Uint8Array(4), count: 1, ids: ["n1"] };
    rooms.deliver(normal);
    rooms.deliver(normal);
    expect(frames).toEqual(["i:r", "i:r", "n:r", "n:r"]);
  });
});

describe("SeenIds", () => {
  it("forgets an id after the window and keeps at most maxIds", () => {
    let now = 0;
    const seen = new SeenIds({ windowMs: 1_000, maxIds: 3 }, () => now);
    expect(seen.allSeen(["a"])).toBe(false);
    now = 500;
    expect(seen.allSeen(["a"])).toBe(true);
    expect(seen.allSeen(["b", "c", "d"])).toBe(false);
    // "a" was the oldest of four: it went to keep three.
    expect(seen.size()).toBe(3);
    expect(seen.allSeen(["a"])).toBe(false);
    now = 1_600;
    // Everything kept was delivered at 500, more than the window ago.
    expect(seen.allSeen(["c"])).toBe(false);
    expect(seen.size()).toBe(1);
  });
});
