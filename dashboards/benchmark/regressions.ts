import { BENCHMARK_METRIC } from "../../src/catalog/benchmark-metrics.js";
import { REGRESSION_HOLD } from "../../rules/benchmark/benchmark.js";
import { prometheusQuery, series, stat, table, timeseries, UNIT, upperLimit, type DashboardRow } from "../common.js";
import { SELECTED_BENCHMARK } from "./selection.js";

/** Detected regressions: how many are new, and which benchmark regressed at which commit. */
export function regressionsRow(): DashboardRow {
  const counter = series(BENCHMARK_METRIC.regressionDetected, SELECTED_BENCHMARK);
  // As the alert counts: new series count whole, existing ones by how much they grew.
  const newSince = (window: string) => `${counter} - (${counter} offset ${window} or ${counter} * 0)`;
  return {
    title: "Regressions",
    panels: [
      stat({
        title: "Regressions in the last hour",
        description: "Regressions detected by benchmark runs in the last hour (new commits count whole, repeated detections by how much the counter grew).",
        unit: UNIT.count,
        targets: [prometheusQuery(`sum(clamp_min(${newSince("1h")}, 0)) or vector(0)`, "regressions", { instant: true })],
        thresholds: upperLimit(1),
        width: 6,
        height: 8,
      }),
      timeseries({
        title: "Regression rate",
        description: `Regressions detected per benchmark within ${REGRESSION_HOLD} of each point, by severity.`,
        unit: UNIT.count,
        targets: [prometheusQuery(`sum by (benchmark_name, severity) (clamp_min(${newSince(REGRESSION_HOLD)}, 0))`, "{{benchmark_name}} {{severity}}")],
        min: 0,
        width: 9,
        height: 8,
      }),
      table({
        title: "Latest regressions",
        description: "Regressions the Pushgateway holds now: benchmark, severity and the commit they were found at.",
        unit: UNIT.count,
        targets: [prometheusQuery(`sort_desc(${counter} > 0)`, "{{benchmark_name}}", { instant: true, table: true })],
        hiddenColumns: ["Time", "__name__", "instance"],
        width: 9,
        height: 8,
      }),
    ],
  };
}
