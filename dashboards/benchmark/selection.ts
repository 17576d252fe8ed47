import { BENCHMARK_METRIC } from "../../src/catalog/benchmark-metrics.js";
import { labelVariable, variableMatcher } from "../common.js";

/** Matcher of the `$benchmark` variable. */
export const SELECTED_BENCHMARK = variableMatcher("benchmark_name", "benchmark");

/** The benchmarks offered: every benchmark that pushed a speed-up. */
export function benchmarkVariable() {
  return labelVariable({
    name: "benchmark",
    label: "Benchmark",
    series: BENCHMARK_METRIC.speedupRatio,
    labelName: "benchmark_name",
    description: "Benchmarks shown, by the `benchmark_name` their runs push.",
  });
}
