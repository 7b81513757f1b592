import { MemoryHistory, RetentionRules } from "@roomcast/pkg/history";
import { MsgLevel, decodeDelivery, decodeReply, packMessages, protoWire, unpackMessages } from "@roomcast/pkg/protocol";
import { silentLogger } from "@roomcast/pkg/log";
import { createRegistry } from "@roomcast/pkg/metrics";
import { RoomHistory } from "./recovery";
import { Rooms } from "./room";

const bytes = (s: string) => new TextEncoder().encode(s);
const texts = (frames: Array<Uint8Array | string>) =>
  frames.flatMap((f) => {
    const d = decodeDelivery(decodeReply(f as Uint8Array).data);
    return unpackMessages(d.data).map((m, i) => `${new TextDecoder().decode(m)}@${d.offset + i}`);
  });

describe("RoomHistory.recover", () => {
  afterEach(() => jest.useRealTimers());

  it("sends what was missed, then the room's batches trimmed at the seam for a second, and only then listens", async () => {
    jest.useFakeTimers({ doNotFake: ["nextTick", "setImmediate", "queueMicrotask"] });
    const history = new MemoryHistory(new RetentionRules([{ prefix: "", maxMessages: 100, maxAgeSec: 60 }]));
    const published: string[] = [];
    const rooms = new Rooms((topic) => published.push(topic));
    const h = new RoomHistory(history, rooms, { recoverMax: 100, maxPage: 10 }, silentLogger(), createRegistry("test", "t"));
    const messages = ["m1", "m2", "m3"].map((t) => ({ id: t, data: bytes(t), type: "", level: MsgLevel.NORMAL, uid: "u" }));
    const [stored] = await history.append([{ room: "r", messages }]);
    const batch = (first: number, ...t: string[]) => ({
      roomID: "r",
      msgLv: MsgLevel.NORMAL,
      packed: packMessages(t.map(bytes)),
      count: t.length,
      epoch: stored!.epoch,
      first,
      ids: t,
    });
    const sent: Array<Uint8Array | string> = [];
    let listening = false;
    rooms.join("r");
    const recovery = await h.recover(
      "r",
      { epoch: stored!.epoch, offset: 1 },
      { wire: protoWire, send: (f) => sent.push(f) },
      async () => true,
      () => !listening,
      () => (listening = true),
    );
    expect(recovery).toMatchObject({ recovered: true, offset: 3, count: 2 });
    expect(texts(sent)).toEqual(["m2@2", "m3@3"]);
    // m3 was stored before the read but its push comes late; m4 is new: the member gets m4 once, m3 not again.
    rooms.deliver(batch(3, "m3"));
    rooms.deliver(batch(3, "m3", "m4"));
    expect(texts(sent)).toEqual(["m2@2", "m3@3", "m4@4"]);
    expect(listening).toBe(false);
    jest.advanceTimersByTime(1_000);
    expect(listening).toBe(true);
    rooms.deliver(batch(5, "m5"));
    expect(texts(sent)).toEqual(["m2@2", "m3@3", "m4@4"]); // from now on through the room's topic
    await history.close();
  });

  it("members of a room recovering from one position in one turn share one store read, and each gets every missed message", async () => {
    const history = new MemoryHistory(new RetentionRules([{ prefix: "", maxMessages: 100, maxAgeSec: 60 }]));
    const messages = ["m1", "m2", "m3"].map((t) => ({ id: t, data: bytes(t), type: "", level: MsgLevel.NORMAL, uid: "u" }));
    const [stored] = await history.append([{ room: "r", messages }]);
    const reads = jest.spyOn(history, "since");
    const rooms = new Rooms(() => undefined);
    const h = new RoomHistory(history, rooms, { recoverMax: 100, maxPage: 10 }, silentLogger(), createRegistry("test", "t"));
    rooms.join("r");
    const member = (offset: number) => {
      const sent: Array<Uint8Array | string> = [];
      const recovery = h.recover(
        "r",
        { epoch: stored!.epoch, offset },
        { wire: protoWire, send: (f) => sent.push(f) },
        async () => true,
        () => true,
        () => undefined,
      );
      return recovery.then((r) => ({ r, texts: texts(sent) }));
    };
    const same = await Promise.all(Array.from({ length: 50 }, () => member(1)));
    expect(reads).toHaveBeenCalledTimes(1);
    for (const m of same)
      expect(m).toEqual({ r: expect.objectContaining({ recovered: true, offset: 3, count: 2 }), texts: ["m2@2", "m3@3"] });
    // Another position is another read, with its own answer.
    const [a, b] = await Promise.all([member(2), member(0)]);
    expect(reads).toHaveBeenCalledTimes(3);
    expect([a.texts, b.texts]).toEqual([["m3@3"], ["m1@1", "m2@2", "m3@3"]]);
    await history.close();
  });
});
