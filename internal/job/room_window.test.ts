import { RoomWindow, type PendingRoom } from "./room_window";
import { MsgLevel } from "@roomcast/pkg/protocol";

const b = (s: string) => Buffer.from(s);

describe("RoomWindow", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it("merges a room's messages within the window into one batch", () => {
    const out: PendingRoom[] = [];
    const rooms = new RoomWindow({ windowMs: 20, maxMessages: 100, maxBytes: 1 << 20 }, (x) => out.push(x));
    rooms.add("r", MsgLevel.NORMAL, b("a"), ["c1"]);
    rooms.add("r", MsgLevel.NORMAL, b("b"), ["c2"]);
    expect(out).toHaveLength(0);
    jest.advanceTimersByTime(20);
    expect(out).toHaveLength(1);
    expect(out[0]!.messages.map(String)).toEqual(["a", "b"]);
    expect([...out[0]!.targets!].sort()).toEqual(["c1", "c2"]);
  });

  it("keeps each message's type beside it, and no list at all for a batch without types", () => {
    const out: PendingRoom[] = [];
    const rooms = new RoomWindow({ windowMs: 20, maxMessages: 100, maxBytes: 1 << 20 }, (x) => out.push(x));
    rooms.add("typed", MsgLevel.NORMAL, b("a"), null);
    rooms.add("typed", MsgLevel.NORMAL, b("b"), null, "chat");
    rooms.add("typed", MsgLevel.NORMAL, b("c"), null);
    rooms.add("plain", MsgLevel.NORMAL, b("d"), null);
    jest.advanceTimersByTime(20);
    expect(out.map((x) => [x.roomID, x.types])).toEqual([
      ["typed", ["", "chat", ""]],
      ["plain", undefined],
    ]);
  });

  it("keeps rooms apart", () => {
    const out: PendingRoom[] = [];
    const rooms = new RoomWindow({ windowMs: 20, maxMessages: 100, maxBytes: 1 << 20 }, (x) => out.push(x));
    rooms.add("r1", MsgLevel.NORMAL, b("a"), null);
    rooms.add("r2", MsgLevel.NORMAL, b("b"), null);
    jest.advanceTimersByTime(20);
    expect(out.map((x) => x.roomID).sort()).toEqual(["r1", "r2"]);
  });

  it("every room pending when the window ends flushes then: no message waits longer than the window", () => {
    const out: PendingRoom[] = [];
    const rooms = new RoomWindow({ windowMs: 20, maxMessages: 100, maxBytes: 1 << 20 }, (x) => out.push(x));
    rooms.add("r1", MsgLevel.NORMAL, b("a"), null);
    jest.advanceTimersByTime(15);
    rooms.add("r2", MsgLevel.NORMAL, b("b"), null);
    jest.advanceTimersByTime(5);
    expect(out.map((x) => x.roomID)).toEqual(["r1", "r2"]);
    rooms.add("r1", MsgLevel.NORMAL, b("c"), null);
    jest.advanceTimersByTime(19);
    expect(out).toHaveLength(2);
    jest.advanceTimersByTime(1);
    expect(out.map((x) => x.messages.map(String))).toEqual([["a"], ["b"], ["c"]]);
  });

  it("flushes at once when the message cap is reached", () => {
    const out: PendingRoom[] = [];
    const rooms = new RoomWindow({ windowMs: 1000, maxMessages: 3, maxBytes: 1 << 20 }, (x) => out.push(x));
    for (let i = 0; i < 7; i++) rooms.add("r", MsgLevel.NORMAL, b(String(i)), null);
    expect(out.map((x) => x.messages.length)).toEqual([3, 3]);
    rooms.flushAll();
    expect(out.map((x) => x.messages.length)).toEqual([3, 3, 1]);
  });

  it("flushes before the byte cap would be passed", () => {
    const out: PendingRoom[] = [];
    const rooms = new RoomWindow({ windowMs: 1000, maxMessages: 100, maxBytes: 30 }, (x) => out.push(x));
    rooms.add("r", MsgLevel.NORMAL, Buffer.alloc(20), null);
    rooms.add("r", MsgLevel.NORMAL, Buffer.alloc(20), null);
    expect(out).toHaveLength(1);
    expect(out[0]!.bytes).toBe(24);
  });

  it("unknown targets in any message make the batch go to every node", () => {
    const out: PendingRoom[] = [];
    const rooms = new RoomWindow({ windowMs: 20, maxMessages: 100, maxBytes: 1 << 20 }, (x) => out.push(x));
    rooms.add("r", MsgLevel.NORMAL, b("a"), ["c1"]);
    rooms.add("r", MsgLevel.NORMAL, b("b"), null);
    rooms.add("r", MsgLevel.NORMAL, b("c"), ["c2"]);
    jest.advanceTimersByTime(20);
    expect(out[0]!.targets).toBeNull();
  });
});
