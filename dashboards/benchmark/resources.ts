import { BENCHMARK_METRIC } from "../../src/catalog/benchmark-metrics.js";
import type { EnvironmentSettings } from "../../src/config/environment-schema.js";
import { formatNumber } from "../../src/promql/expressions.js";
import { prometheusQuery, timeseries, UNIT, upperLimit, type DashboardRow } from "../common.js";

/** Memory by process and phase against BenchmarkMemoryHigh's limit, and CPU by process and core. */
export function resourcesRow(b: EnvironmentSettings["benchmark"]): DashboardRow {
  return {
    title: "Resources",
    panels: [
      timeseries({
        title: "Memory by process and phase",
        description: `Memory each benchmark process reported per phase; the dashed line is BenchmarkMemoryHigh's limit (${formatNumber(b.memoryMb)} MB).`,
        unit: UNIT.mebibytes,
        targets: [prometheusQuery(BENCHMARK_METRIC.memoryUsageMb, "{{process}} {{phase}}")],
        thresholds: upperLimit(b.memoryMb),
        min: 0,
        width: 12,
        height: 8,
      }),
      timeseries({
        title: "CPU by process and core",
        description: "CPU utilisation each benchmark process reported, per core (`all` for the whole process).",
        unit: UNIT.percent,
        targets: [prometheusQuery(BENCHMARK_METRIC.cpuUtilizationPercent, "{{process}} core {{core}}")],
        min: 0,
        width: 12,
        height: 8,
      }),
    ],
  };
}
