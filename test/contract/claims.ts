// The contract every Claims implementation passes (memory in unit tests, etcd against a real etcd).
import type { Discovery } from "@roomcast/pkg/discovery";

export function claimsContract(name: string, make: () => Promise<{ a: Discovery; b: Discovery; cleanup(): Promise<void> }>): void {
  describe(`Claims contract: ${name}`, () => {
    jest.setTimeout(15_000);
    let f: Awaited<ReturnType<typeof make>>;
    let seq = 0;
    const group = () => `g${process.pid}-${Date.now().toString(36)}-${++seq}`;
    beforeEach(async () => {
      f = await make();
    });
    afterEach(async () => {
      await f.cleanup();
    });

    it("a free name goes to the first node that takes it, and only to it", async () => {
      const g = group();
      const ca = f.a.claims(g, "job-a");
      const cb = f.b.claims(g, "job-b");
      expect(await ca.take("7")).toBe(true);
      expect(await cb.take("7")).toBe(false);
      expect(await ca.take("7")).toBe(true);
      expect(await cb.holders()).toEqual(new Map([["7", "job-a"]]));
      await Promise.all([ca.close(), cb.close()]);
    });

    it("a name given up can be taken by another node; giving up a name held by another changes nothing", async () => {
      const g = group();
      const ca = f.a.claims(g, "job-a");
      const cb = f.b.claims(g, "job-b");
      expect(await ca.take("1")).toBe(true);
      await cb.give("1");
      expect(await cb.take("1")).toBe(false);
      await ca.give("1");
      expect(await cb.take("1")).toBe(true);
      expect(await ca.holders()).toEqual(new Map([["1", "job-b"]]));
      await Promise.all([ca.close(), cb.close()]);
    });

    it("closing frees every name the node held and leaves the others'", async () => {
      const g = group();
      const ca = f.a.claims(g, "job-a");
      const cb = f.b.claims(g, "job-b");
      for (const n of ["0", "1", "2"]) expect(await ca.take(n)).toBe(true);
      expect(await cb.take("3")).toBe(true);
      await ca.close();
      expect(await cb.holders()).toEqual(new Map([["3", "job-b"]]));
      expect(await cb.take("0")).toBe(true);
      await cb.close();
    });
  });
}
