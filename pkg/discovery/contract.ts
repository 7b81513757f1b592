// The contract every Discovery implementation passes (static in unit tests, etcd against a real etcd).
import type { Discovery, NodeInfo } from "./discovery";

export interface DiscoveryFixture {
  /** Two clients of one registry, as two processes would be. */
  a: Discovery;
  b: Discovery;
  cleanup(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(cond: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await sleep(20);
  }
}

export function discoveryContract(name: string, make: () => Promise<DiscoveryFixture>): void {
  describe(`Discovery contract: ${name}`, () => {
    let f: DiscoveryFixture;
    let seq = 0;
    const id = () => `n${process.pid}-${Date.now().toString(36)}-${++seq}`;
    beforeEach(async () => {
      f = await make();
    });
    afterEach(async () => {
      await f.cleanup();
    });

    it("a registered node appears in another client's watch with its addresses", async () => {
      let seen: NodeInfo[] = [];
      await f.b.watch("conn", (nodes) => (seen = nodes));
      const node = { id: id(), addrs: { grpc: "127.0.0.1:1", ws: "127.0.0.1:2" } };
      await f.a.register("conn", node);
      await until(() => seen.some((n) => n.id === node.id));
      expect(seen.find((n) => n.id === node.id)).toEqual(node);
    });

    it("the watch reports nodes registered before it started, before watch() resolves", async () => {
      const node = { id: id(), addrs: { grpc: "127.0.0.1:3" } };
      await f.a.register("logic", node);
      let seen: NodeInfo[] = [];
      const w = await f.b.watch("logic", (nodes) => (seen = nodes));
      expect(seen.map((n) => n.id)).toContain(node.id);
      expect(w.nodes.map((n) => n.id)).toContain(node.id);
    });

    it("deregister removes the node at once", async () => {
      let seen: NodeInfo[] = [];
      await f.b.watch("conn", (nodes) => (seen = nodes));
      const node = { id: id(), addrs: { grpc: "127.0.0.1:4" } };
      const reg = await f.a.register("conn", node);
      await until(() => seen.some((n) => n.id === node.id));
      await reg.deregister();
      await until(() => !seen.some((n) => n.id === node.id), 2_000);
    });

    it("lists every node of a service, and keeps services apart", async () => {
      let conns: NodeInfo[] = [];
      let logics: NodeInfo[] = [];
      await f.b.watch("conn", (nodes) => (conns = nodes));
      await f.b.watch("logic", (nodes) => (logics = nodes));
      const ids = [id(), id(), id()];
      for (const i of ids) await f.a.register("conn", { id: i, addrs: {} });
      await until(() => ids.every((i) => conns.some((n) => n.id === i)));
      expect(logics.some((n) => ids.includes(n.id))).toBe(false);
    });

    it("a closed watch is not called any more", async () => {
      let calls = 0;
      const w = await f.b.watch("job", () => calls++);
      await w.close();
      const before = calls;
      await f.a.register("job", { id: id(), addrs: {} });
      await sleep(300);
      expect(calls).toBe(before);
    });
  });
}
