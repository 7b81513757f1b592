import { StaticDiscovery } from "./static";
import { discoveryContract } from "./contract";

// One StaticDiscovery is one in-process registry: both "clients" share it.
discoveryContract("static", async () => {
  const d = new StaticDiscovery();
  return { a: d, b: d, cleanup: () => d.close() };
});

describe("StaticDiscovery", () => {
  it("lists the fixed nodes from configuration", async () => {
    const d = new StaticDiscovery({ logic: [{ id: "logic-0", addrs: { grpc: "10.0.0.1:3119" } }] });
    const w = await d.watch("logic", () => {});
    expect(w.nodes).toEqual([{ id: "logic-0", addrs: { grpc: "10.0.0.1:3119" } }]);
  });
});
