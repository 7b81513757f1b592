import { Positions } from "./positions";

describe("Positions", () => {
  it("takes each offset once, counts up through gaps once they fill, and starts again on a new epoch", () => {
    const p = new Positions();
    expect(p.of("r")).toEqual({ epoch: "", offset: 0 });
    expect([1, 2, 2, 4, 3, 4, 1].map((o) => p.accept("r", "e1", o, ""))).toEqual([true, true, false, true, true, false, false]);
    expect(p.of("r")).toEqual({ epoch: "e1", offset: 4 });
    // A gap: 6 arrives before 5; the position stays at 4 until 5 comes.
    expect(p.accept("r", "e1", 6, "")).toBe(true);
    expect(p.of("r").offset).toBe(4);
    expect(p.accept("r", "e1", 5, "")).toBe(true);
    expect(p.of("r").offset).toBe(6);
    // The room's history began again.
    expect(p.accept("r", "e2", 1, "")).toBe(true);
    expect(p.of("r")).toEqual({ epoch: "e2", offset: 1 });
    expect(p.of("other")).toEqual({ epoch: "", offset: 0 });
  });

  it("settles at a recovery's answer, and gives up a gap that stays open past 1,000 later messages", () => {
    const p = new Positions();
    p.settle("r", "e1", 10);
    expect(p.accept("r", "e1", 10, "")).toBe(false);
    expect(p.accept("r", "e1", 12, "")).toBe(true);
    p.settle("r", "e1", 11);
    expect(p.of("r").offset).toBe(12);
    for (let o = 14; o <= 1_014; o++) p.accept("r", "e1", o, "");
    expect(p.of("r").offset).toBe(1_014);
  });

  it("drops a second copy of an IMPORTANT message by its id, with or without a position", () => {
    const p = new Positions();
    expect(p.accept("user:u1", "", 0, "id-1")).toBe(true);
    expect(p.accept("user:u1", "", 0, "id-1")).toBe(false);
    expect(p.accept("user:u1", "", 0, "id-2")).toBe(true);
    expect(p.accept("", "", 0, "")).toBe(true);
    expect(p.accept("", "", 0, "")).toBe(true);
  });
});
