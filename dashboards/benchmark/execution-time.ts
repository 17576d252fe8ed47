import { BENCHMARK_METRIC } from "../../src/catalog/benchmark-metrics.js";
import { prometheusQuery, series, timeseries, UNIT, type DashboardRow } from "../common.js";
import { SELECTED_BENCHMARK } from "./selection.js";

/**
 * p50 and p95 execution time per benchmark. Each push replaces the run's histogram in the
 * Pushgateway, so the quantile is read from the buckets as they stand (the latest run of each
 * benchmark), not from a rate across runs.
 */
export function executionTimeRow(): DashboardRow {
  const quantile = (q: number) =>
    `histogram_quantile(${q}, sum by (benchmark_name, environment, le) (${series(`${BENCHMARK_METRIC.executionTimeMs}_bucket`, SELECTED_BENCHMARK)}))`;
  return {
    title: "Execution time",
    panels: [
      timeseries({
        title: "Execution time p50 / p95",
        description: "Median and 95th percentile of one iteration's execution time in each benchmark's latest pushed run, interpolated within the histogram's buckets (5 ms to 5 s).",
        unit: UNIT.milliseconds,
        targets: [prometheusQuery(quantile(0.5), "p50 {{benchmark_name}} ({{environment}})"), prometheusQuery(quantile(0.95), "p95 {{benchmark_name}} ({{environment}})")],
        min: 0,
        width: 24,
        height: 8,
      }),
    ],
  };
}
