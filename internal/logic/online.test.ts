import { OnlineTable } from "./online";

const m = (o: Record<string, number>) => new Map(Object.entries(o));

describe("OnlineTable", () => {
  it("sums the rooms across nodes", () => {
    const t = new OnlineTable(30_000);
    t.setNodes(["c1", "c2"]);
    t.report("c1", m({ a: 2, b: 1 }), true);
    t.report("c2", m({ a: 3 }), true);
    expect(t.total("a")).toBe(5);
    expect(t.total("b")).toBe(1);
    expect(t.total("zzz")).toBe(0);
  });

  it("a full report replaces the node's rooms, a delta only updates the ones it names", () => {
    const t = new OnlineTable(30_000);
    t.report("c1", m({ a: 2, b: 1 }), true);
    t.report("c1", m({ a: 1 }), true);
    expect(t.total("b")).toBe(0);
    t.report("c1", m({ c: 4 }), false);
    expect(t.total("a")).toBe(1);
    expect(t.total("c")).toBe(4);
  });

  it("routes a room to the nodes that hold it, and to nodes that have not reported in full yet", () => {
    const t = new OnlineTable(30_000);
    t.setNodes(["c1", "c2", "c3"]);
    t.report("c1", m({ a: 1 }), true);
    t.report("c2", m({ b: 1 }), true);
    expect(t.targets("a").sort()).toEqual(["c1", "c3"]);
    t.report("c3", m({}), true);
    expect(t.targets("a")).toEqual(["c1"]);
    expect(t.targets("nobody")).toEqual([]);
  });

  it("a node that leaves the registry stops counting and stops being a target", () => {
    const t = new OnlineTable(30_000);
    t.setNodes(["c1", "c2"]);
    t.report("c1", m({ a: 2 }), true);
    t.report("c2", m({ a: 3 }), true);
    t.setNodes(["c2"]);
    expect(t.total("a")).toBe(3);
    expect(t.targets("a")).toEqual(["c2"]);
  });

  it("a silent node's counts expire, but it stays a target until the registry drops it", () => {
    let now = 0;
    const t = new OnlineTable(10_000, () => now);
    t.setNodes(["c1"]);
    t.report("c1", m({ a: 2 }), true);
    now = 11_000;
    expect(t.total("a")).toBe(0);
    expect(t.targets("a")).toEqual(["c1"]);
  });
});
