import { MemoryClaims } from "@roomcast/pkg/discovery";
import { silentLogger } from "@roomcast/pkg/log";
import { until } from "../../test/support/wait";
import { PartitionOwner, preferredPartitions } from "./partitions";

describe("preferredPartitions", () => {
  it("gives every partition to exactly one of the live nodes, in fair shares", () => {
    const nodes = ["job-0", "job-1", "job-2"];
    const shares = nodes.map((n) => preferredPartitions(n, nodes, 64));
    for (let p = 0; p < 64; p++) expect(shares.filter((s) => s.has(p))).toHaveLength(1);
    for (const s of shares) expect(s.size).toBeGreaterThanOrEqual(10);
  });

  it("moves only the partitions of a node that leaves", () => {
    const before = preferredPartitions("job-0", ["job-0", "job-1", "job-2"], 64);
    const after = preferredPartitions("job-0", ["job-0", "job-1"], 64);
    for (const p of before) expect(after.has(p)).toBe(true);
    const leaving = preferredPartitions("job-2", ["job-0", "job-1", "job-2"], 64);
    for (const p of after) expect(before.has(p) || leaving.has(p)).toBe(true);
  });
});

describe("PartitionOwner", () => {
  it("hands partitions over when a job node joins, never letting two nodes consume one partition at once", async () => {
    const table = new Map<string, string>();
    let live = ["job-a"];
    const consuming = new Map<number, string>();
    const overlaps: number[] = [];
    const owner = (self: string) =>
      new PartitionOwner({
        self,
        partitions: 16,
        claims: new MemoryClaims(table, self),
        jobs: () => live,
        consume: async (p) => {
          if (consuming.has(p)) overlaps.push(p);
          consuming.set(p, self);
          return { close: async () => void (consuming.get(p) === self && consuming.delete(p)) };
        },
        settle: async () => {},
        intervalMs: 50,
        log: silentLogger(),
      });
    const a = owner("job-a");
    a.start();
    await until("job-a consumes all 16", () => a.owned().length === 16);
    const b = owner("job-b");
    live = ["job-a", "job-b"];
    b.start();
    a.nudge();
    const wantB = preferredPartitions("job-b", live, 16);
    await until("job-b consumes its share", () => b.owned().length === wantB.size && a.owned().length === 16 - wantB.size);
    expect(new Set(b.owned())).toEqual(wantB);
    expect(overlaps).toEqual([]);
    // job-b stops cleanly: job-a takes its partitions back.
    live = ["job-a"];
    await b.stop();
    a.nudge();
    await until("job-a consumes all 16 again", () => a.owned().length === 16);
    expect(overlaps).toEqual([]);
    await a.stop();
    expect(table.size).toBe(0);
  });
});
