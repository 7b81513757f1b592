import { TurnBatcher } from "./turn";

const turn = () => new Promise((r) => setImmediate(r));

describe("TurnBatcher", () => {
  it("sends the calls of one turn as one request per key and answers each caller in order", async () => {
    const sent: Array<[string, number[]]> = [];
    const b = new TurnBatcher<string, number, number>(async (key, items) => {
      sent.push([key, items]);
      return items.map((x) => x * 10);
    });
    const answers = Promise.all([b.add("a", 1), b.add("b", 2), b.add("a", 3)]);
    expect(sent).toEqual([]);
    expect(await answers).toEqual([10, 20, 30]);
    expect(sent).toEqual([
      ["a", [1, 3]],
      ["b", [2]],
    ]);
    await b.add("a", 4);
    expect(sent).toEqual([
      ["a", [1, 3]],
      ["b", [2]],
      ["a", [4]],
    ]);
  });

  it("rejects every caller of a failed request, and only those", async () => {
    const b = new TurnBatcher<string, number, number>(async (key, items) => {
      if (key === "down") throw new Error("node down");
      return items;
    });
    const results = await Promise.allSettled([b.add("down", 1), b.add("up", 2), b.add("down", 3)]);
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as Error).message))).toEqual(["node down", 2, "node down"]);
  });

  it("sends at once when a key reaches maxItems", async () => {
    const sizes: number[] = [];
    const b = new TurnBatcher<string, number, number>(async (_k, items) => (sizes.push(items.length), items), { maxItems: 3 });
    await Promise.all([1, 2, 3, 4, 5].map((x) => b.add("k", x)));
    expect(sizes).toEqual([3, 2]);
    await turn();
  });

  it("never puts more than maxSize into one request", async () => {
    const sent: number[][] = [];
    const b = new TurnBatcher<string, number, number>(async (_k, items) => (sent.push(items), items), { maxSize: 10, sizeOf: (x) => x });
    await Promise.all([4, 5, 3, 12, 1].map((x) => b.add("k", x)));
    expect(sent).toEqual([[4, 5], [3], [12], [1]]);
  });
});
