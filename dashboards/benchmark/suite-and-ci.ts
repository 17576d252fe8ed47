import { BENCHMARK_METRIC } from "../../src/catalog/benchmark-metrics.js";
import type { EnvironmentSettings } from "../../src/config/environment-schema.js";
import { formatNumber } from "../../src/promql/expressions.js";
import { lowerLimit, prometheusQuery, stat, timeseries, UNIT, upperLimit, type DashboardRow } from "../common.js";

/** Suite duration quantiles, and CI results per pipeline and branch with the failing share HighCIFailureRate reads. */
export function suiteAndCiRow(b: EnvironmentSettings["benchmark"]): DashboardRow {
  return {
    title: "Suite and CI",
    panels: [
      timeseries({
        title: "Suite duration quantiles",
        description: "Quantiles of the whole benchmark suite's duration as its runs pushed them.",
        unit: UNIT.seconds,
        targets: [prometheusQuery(BENCHMARK_METRIC.suiteDurationSeconds, "q{{quantile}}")],
        min: 0,
        width: 8,
        height: 8,
      }),
      stat({
        title: "CI status",
        description: "Latest result of each pipeline on each branch: 1 passed, 0 failed.",
        unit: UNIT.count,
        targets: [prometheusQuery(BENCHMARK_METRIC.ciPipelineStatus, "{{pipeline}} {{branch}}", { instant: true })],
        thresholds: lowerLimit(1),
        width: 8,
        height: 8,
      }),
      timeseries({
        title: "CI failing share (1 h)",
        description: `Share of the last hour each pipeline's latest result was a failure; HighCIFailureRate fires above ${formatNumber(b.ciFailureRatio * 100)} % (dashed).`,
        unit: UNIT.ratio,
        targets: [prometheusQuery(`1 - avg by (pipeline) (avg_over_time(${BENCHMARK_METRIC.ciPipelineStatus}[1h]))`, "{{pipeline}}")],
        thresholds: upperLimit(b.ciFailureRatio),
        min: 0,
        max: 1,
        width: 8,
        height: 8,
      }),
    ],
  };
}
