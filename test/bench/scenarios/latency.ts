// Latency figures the results keep: a few percentiles for the tables, a fuller curve for the plot.
import type * as hdr from "hdr-histogram-js";

/** The percentiles of the latency plot, in order. */
export const PLOT_PERCENTILES = [50, 75, 90, 95, 99, 99.9, 99.99] as const;

export interface Latency {
  p50: number;
  p99: number;
  p999: number;
  max: number;
  /** ms at each of PLOT_PERCENTILES, then max. */
  curve: number[];
  /** Samples recorded. */
  count: number;
}

const ms = (us: number) => Math.round(us / 10) / 100;

export function latencyOf(h: hdr.Histogram): Latency {
  return {
    p50: ms(h.getValueAtPercentile(50)),
    p99: ms(h.getValueAtPercentile(99)),
    p999: ms(h.getValueAtPercentile(99.9)),
    max: ms(h.maxValue),
    curve: [...PLOT_PERCENTILES.map((p) => ms(h.getValueAtPercentile(p))), ms(h.maxValue)],
    count: h.totalCount,
  };
}
