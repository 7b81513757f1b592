// Prometheus metrics: one registry per node, counters on the hot path instead of per-message logs.
import { Registry, Counter, Gauge, Histogram, collectDefaultMetrics } from "prom-client";

export { Registry, Counter, Gauge, Histogram };

/** A registry with the process metrics (CPU, RSS, event-loop lag) and a `node` label on everything. */
export function createRegistry(service: string, nodeId: string, withDefaults = true): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service, node: nodeId });
  if (withDefaults) collectDefaultMetrics({ register: registry });
  return registry;
}
