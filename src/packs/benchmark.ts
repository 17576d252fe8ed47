import { benchmarkDashboard } from "../../dashboards/benchmark/index.js";
import { benchmarkRules, checkBenchmarkSettings } from "../../rules/benchmark/benchmark.js";
import { benchmarkMetrics } from "../../rules/benchmark/catalog.js";
import type { PackDefinition } from "../model/stack-model.js";

/** Benchmark regressions: the original real-time benchmark monitoring, fed through the Pushgateway. */
export const benchmarkPack: PackDefinition = {
  name: "benchmark",
  description:
    "benchmark results pushed by runs and CI (with the Pushgateway it deploys): CriticalPerformanceRegression, PerformanceBelowTarget, BenchmarkMemoryHigh, HighCIFailureRate, PerformanceRegressionDetected, the Performance Overview dashboard",
  metrics: benchmarkMetrics,
  ruleFiles: (context) => [benchmarkRules(context)],
  dashboards: (context) => [benchmarkDashboard(context)],
  notices: ({ stack }) =>
    stack.isDeployed("pushgateway")
      ? []
      : ["the benchmark pack's metrics arrive through a Pushgateway, and this environment deploys none (components.pushgateway is off, or the profile is operator): scrape your own with honor_labels."],
  ruleTestsDir: "rules/benchmark/tests",
  checkSettings: checkBenchmarkSettings,
};
