// The latency plot of the fan-out scenario: percentiles per system at the common offered rate, as SVG
// rendered by vega-lite (no browser needed).
import * as vega from "vega";
import * as vl from "vega-lite";
import type { Outcome } from "./results";
import type { RoomsResult } from "./scenarios/rooms";
import { PLOT_PERCENTILES } from "./scenarios/latency";
import { commonRate } from "./report";

export async function latencySvg(outcomes: Record<string, Outcome<RoomsResult>>, systems: string[]): Promise<string | undefined> {
  const rate = commonRate(outcomes);
  const labels = [...PLOT_PERCENTILES.map((p) => `p${p}`), "max"];
  const values = systems.flatMap((system) => {
    const o = outcomes[system];
    const step = o?.ok ? o.result.steps.find((s) => s.offeredPerSec === rate) : undefined;
    return step ? step.latencyMs.curve.map((ms, i) => ({ system, percentile: labels[i], ms: Math.max(ms, 0.01) })) : [];
  });
  if (values.length === 0) return undefined;
  const spec = vl.compile({
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title: `Room fan-out latency at ${rate} msg/s offered (end to end, open loop)`,
    width: 640,
    height: 360,
    background: "white",
    data: { values },
    mark: { type: "line", point: true },
    encoding: {
      x: { field: "percentile", type: "ordinal", sort: labels, title: "percentile" },
      y: { field: "ms", type: "quantitative", scale: { type: "log" }, title: "latency, ms (log scale)" },
      color: { field: "system", type: "nominal", sort: systems },
    },
  }).spec;
  return new vega.View(vega.parse(spec), { renderer: "none" }).toSVG();
}
