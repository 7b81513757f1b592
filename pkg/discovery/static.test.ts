import { StaticDiscovery } from "./static";
import { discoveryContract } from "../../test/contract/discovery";
import { claimsContract } from "../../test/contract/claims";
import type { NodeInfo } from "./discovery";

// One StaticDiscovery is one in-process registry: both "clients" are the same instance.
discoveryContract("static", async () => {
  const d = new StaticDiscovery();
  return { a: d, b: d, cleanup: () => d.close() };
});

claimsContract("memory", async () => {
  const d = new StaticDiscovery();
  return { a: d, b: d, cleanup: () => d.close() };
});

describe("StaticDiscovery", () => {
  it("lists the fixed nodes from configuration, per service", async () => {
    const d = new StaticDiscovery({
      logic: [
        { id: "logic-1", addrs: { grpc: "10.0.0.2:3219" } },
        { id: "logic-0", addrs: { grpc: "10.0.0.1:3119" } },
      ],
      conn: [{ id: "conn-0", addrs: { grpc: "10.0.0.3:3109" } }],
    });
    const logic = await d.watch("logic", () => {});
    const job = await d.watch("job", () => {});
    expect(logic.nodes).toEqual([
      { id: "logic-0", addrs: { grpc: "10.0.0.1:3119" } },
      { id: "logic-1", addrs: { grpc: "10.0.0.2:3219" } },
    ]);
    expect(job.nodes).toEqual([]);
  });

  it("an old registration's deregister leaves a newer node with the same id in place", async () => {
    const d = new StaticDiscovery();
    let seen: NodeInfo[] = [];
    await d.watch("conn", (nodes) => (seen = nodes));
    const old = await d.register("conn", { id: "conn-0", addrs: { grpc: "a:1" } });
    await d.register("conn", { id: "conn-0", addrs: { grpc: "b:1" } });
    await old.deregister();
    expect(seen).toEqual([{ id: "conn-0", addrs: { grpc: "b:1" } }]);
  });

  it("closing one of two watches with the same handler keeps the other", async () => {
    const d = new StaticDiscovery();
    let calls = 0;
    const handler = () => calls++;
    const first = await d.watch("job", handler);
    await d.watch("job", handler);
    await first.close();
    calls = 0;
    await d.register("job", { id: "job-0", addrs: {} });
    expect(calls).toBe(1);
  });
});
