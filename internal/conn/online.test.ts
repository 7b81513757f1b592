import type { LogicLink, OnlineReport } from "@roomcast/pkg/link";
import { silentLogger } from "@roomcast/pkg/log";
import { OnlineReporter } from "./online";
import { Rooms } from "./room";

function reporter(changesIntervalMs: number) {
  const reports: OnlineReport[] = [];
  const link = {
    async reportOnline(r: OnlineReport) {
      reports.push({ ...r, rooms: new Map(r.rooms) });
      return { rooms: new Map([...r.rooms].map(([k, v]) => [k, v + 5])) };
    },
  } as unknown as LogicLink;
  const rooms = new Rooms(() => undefined);
  const online = new OnlineReporter("conn-0", rooms, link, 2_000, silentLogger(), changesIntervalMs);
  rooms.onChange = (room) => online.touch(room);
  return { rooms, online, reports };
}

describe("OnlineReporter", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it("reports the rooms whose count changed as one delta per interval, between the full reports", async () => {
    const { rooms, online, reports } = reporter(100);
    online.start();
    rooms.join("user:a");
    rooms.join("");
    rooms.join("lobby");
    rooms.leave("lobby");
    await jest.advanceTimersByTimeAsync(100);
    expect(reports).toEqual([
      {
        connNode: "conn-0",
        rooms: new Map([
          ["user:a", 1],
          ["", 1],
          ["lobby", 0],
        ]),
        full: false,
      },
    ]);
    expect(online.members("user:a")).toBe(6); // logic's answer: 5 elsewhere
    await jest.advanceTimersByTimeAsync(1_900);
    expect(reports.map((r) => r.full)).toEqual([false, true]);
    await online.stop();
  });

  it("with changesIntervalMs 0 sends only the full reports", async () => {
    const { rooms, online, reports } = reporter(0);
    online.start();
    rooms.join("user:a");
    await jest.advanceTimersByTimeAsync(2_000);
    expect(reports.map((r) => r.full)).toEqual([true]);
    await online.stop();
  });
});
