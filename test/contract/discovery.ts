// The contract every Discovery implementation passes (static in unit tests, etcd against a real etcd).
import type { Discovery, NodeInfo } from "@roomcast/pkg/discovery";
import { until } from "../support/wait";

export interface DiscoveryFixture {
  /** Two clients of one registry, as two processes would be (the same instance for an in-process registry). */
  a: Discovery;
  b: Discovery;
  /** Closes both clients; must tolerate a client the test already closed. */
  cleanup(): Promise<void>;
}

const ids = (nodes: NodeInfo[]) => nodes.map((n) => n.id);

export function discoveryContract(name: string, make: () => Promise<DiscoveryFixture>): void {
  describe(`Discovery contract: ${name}`, () => {
    jest.setTimeout(15_000);
    let f: DiscoveryFixture;
    let seq = 0;
    // Unique per test, so a slow expiry from one test never shows up in another.
    const id = () => `n${process.pid}-${Date.now().toString(36)}-${++seq}`;
    beforeEach(async () => {
      f = await make();
    });
    afterEach(async () => {
      await f.cleanup();
    });

    it("a registered node appears in another client's watch with its addresses and metadata", async () => {
      let seen: NodeInfo[] = [];
      await f.b.watch("conn", (nodes) => (seen = nodes));
      const node = { id: id(), addrs: { grpc: "127.0.0.1:1", ws: "127.0.0.1:2" }, meta: { weight: "3" } };
      await f.a.register("conn", node);
      await until("the node is seen", () => ids(seen).includes(node.id), 5_000);
      expect(seen.find((n) => n.id === node.id)).toEqual(node);
    });

    it("the watch reports nodes registered before it started, before watch() resolves", async () => {
      const node = { id: id(), addrs: { grpc: "127.0.0.1:3" } };
      await f.a.register("logic", node);
      let seen: NodeInfo[] = [];
      const w = await f.b.watch("logic", (nodes) => (seen = nodes));
      expect(ids(seen)).toContain(node.id);
      expect(w.nodes).toContainEqual(node);
    });

    it("deregister removes the node from other clients' watches at once", async () => {
      let seen: NodeInfo[] = [];
      const w = await f.b.watch("conn", (nodes) => (seen = nodes));
      const node = { id: id(), addrs: { grpc: "127.0.0.1:4" } };
      const reg = await f.a.register("conn", node);
      await until("the node is seen", () => ids(seen).includes(node.id), 5_000);
      await reg.deregister();
      // Well inside any lease TTL: removal must not wait for an expiry.
      await until("the node is gone", () => !ids(seen).includes(node.id), 2_000);
      expect(ids(w.nodes)).not.toContain(node.id);
    });

    it("lists every node of a service sorted by id, and keeps services apart", async () => {
      let conns: NodeInfo[] = [];
      let logics: NodeInfo[] = [];
      await f.b.watch("conn", (nodes) => (conns = nodes));
      await f.b.watch("logic", (nodes) => (logics = nodes));
      const mine = [id(), id(), id()];
      for (const i of [...mine].reverse()) await f.a.register("conn", { id: i, addrs: { grpc: `host-${i}:1` } });
      await until("all three are seen", () => mine.every((i) => ids(conns).includes(i)), 5_000);
      expect(ids(conns).filter((i) => mine.includes(i))).toEqual([...mine].sort());
      expect(conns.find((n) => n.id === mine[1])?.addrs).toEqual({ grpc: `host-${mine[1]}:1` });
      // A logic node registered after them is the marker: a conn node leaking into the logic watch would show by then.
      const marker = id();
      await f.a.register("logic", { id: marker, addrs: {} });
      await until("the marker is seen", () => ids(logics).includes(marker), 5_000);
      expect(ids(logics).some((i) => mine.includes(i))).toBe(false);
    });

    it("a closed watch is not called any more", async () => {
      let calls = 0;
      const w = await f.b.watch("job", () => calls++);
      expect(calls).toBe(1);
      await w.close();
      // A second watch of the same client is the marker: once it sees the node, the closed one would have too.
      let seen: NodeInfo[] = [];
      await f.b.watch("job", (nodes) => (seen = nodes));
      const node = id();
      await f.a.register("job", { id: node, addrs: {} });
      await until("the open watch sees the node", () => ids(seen).includes(node), 5_000);
      expect(calls).toBe(1);
    });

    it("a closed client calls none of its watch handlers any more", async () => {
      let calls = 0;
      await f.b.watch("conn", () => calls++);
      await f.b.watch("logic", () => calls++);
      expect(calls).toBe(2);
      await f.b.close();
      // The other client's watches are the marker: once they see both nodes, the closed client's would have too.
      let conns: NodeInfo[] = [];
      let logics: NodeInfo[] = [];
      await f.a.watch("conn", (nodes) => (conns = nodes));
      await f.a.watch("logic", (nodes) => (logics = nodes));
      const [conn, logic] = [id(), id()];
      await f.a.register("conn", { id: conn, addrs: {} });
      await f.a.register("logic", { id: logic, addrs: {} });
      await until("the other client sees both nodes", () => ids(conns).includes(conn) && ids(logics).includes(logic), 5_000);
      expect(calls).toBe(2);
    });
  });
}
