import { BENCHMARK_METRIC, SPEEDUP_ALERT_PERCENTILE } from "../../src/catalog/benchmark-metrics.js";
import type { EnvironmentSettings } from "../../src/config/environment-schema.js";
import { formatNumber } from "../../src/promql/expressions.js";
import { prometheusQuery, series, stat, timeseries, UNIT, type DashboardRow, type Steps } from "../common.js";
import { SELECTED_BENCHMARK } from "./selection.js";

/** Speed-up against the baseline, with the minimum (red below) and the target (green above) drawn. */
export function speedupRow(b: EnvironmentSettings["benchmark"]): DashboardRow {
  const p50 = series(BENCHMARK_METRIC.speedupRatio, `percentile="${SPEEDUP_ALERT_PERCENTILE}"`, SELECTED_BENCHMARK);
  const steps: Steps = [
    { value: null, color: "red" },
    { value: b.minSpeedup, color: "orange" },
    { value: b.targetSpeedup, color: "green" },
  ];
  const limits = `minimum ${formatNumber(b.minSpeedup)}x (CriticalPerformanceRegression), target ${formatNumber(b.targetSpeedup)}x (PerformanceBelowTarget)`;
  return {
    title: "Speed-up",
    panels: [
      timeseries({
        title: "Speed-up trend (p50)",
        description: `Median speed-up of each benchmark against its baseline version; dashed lines at the ${limits}.`,
        unit: UNIT.burnRate,
        targets: [prometheusQuery(p50, "{{benchmark_name}} vs {{baseline_version}}")],
        thresholds: steps,
        min: 0,
        width: 16,
        height: 8,
      }),
      stat({
        title: "Speed-up now (p50)",
        description: `Latest median speed-up per benchmark, coloured by the ${limits}.`,
        unit: UNIT.burnRate,
        targets: [prometheusQuery(p50, "{{benchmark_name}}", { instant: true })],
        thresholds: steps,
        decimals: 1,
        width: 8,
        height: 8,
      }),
    ],
  };
}
