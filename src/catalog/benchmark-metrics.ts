/**
 * The benchmark metric contract (names, label sets, buckets and quantiles of the original
 * benchmark-monitoring design). Benchmark runs and CI jobs push these to the Pushgateway
 * (`nfops bench push` writes exactly these); the `benchmark` pack's rules, dashboard and catalog
 * and the Pushgateway's scrape job take them from here.
 */
export const BENCHMARK_METRIC = {
  executionTimeMs: "benchmark_execution_time_ms",
  speedupRatio: "speedup_ratio",
  regressionDetected: "performance_regression_detected",
  memoryUsageMb: "memory_usage_mb",
  cpuUtilizationPercent: "cpu_utilization_percent",
  suiteDurationSeconds: "benchmark_suite_duration_seconds",
  ciPipelineStatus: "ci_pipeline_status",
} as const;

/** Upper bounds (ms) of the execution-time histogram's buckets, as in the original design. */
export const EXECUTION_TIME_BUCKETS_MS: readonly number[] = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000];

/** Quantiles of the suite-duration summary. */
export const SUITE_DURATION_QUANTILES: readonly number[] = [0.5, 0.9, 0.95, 0.99];

/** `percentile` label value the speed-up alerts read (the original's `p50`). */
export const SPEEDUP_ALERT_PERCENTILE = "p50";

/** Severities a detected regression may carry; the alert takes its own severity from this label. */
export const REGRESSION_SEVERITIES = ["critical", "warning", "info"] as const;

/**
 * The label the original design put on the execution-time histogram: one value per iteration makes
 * one series per iteration, without bound, so the Pushgateway's scrape job drops it.
 */
export const UNBOUNDED_ITERATION_LABEL = "iteration";

/** Labels of each series, as pushed (the Pushgateway adds the push's `job` and grouping labels). */
export const BENCHMARK_LABELS = {
  executionTimeMs: ["benchmark_name", "environment"],
  speedupRatio: ["benchmark_name", "percentile", "baseline_version"],
  regressionDetected: ["benchmark_name", "severity", "commit_hash"],
  memoryUsageMb: ["process", "phase"],
  cpuUtilizationPercent: ["core", "process"],
  suiteDurationSeconds: ["quantile"],
  ciPipelineStatus: ["pipeline", "branch", "trigger"],
} as const satisfies Record<keyof typeof BENCHMARK_METRIC, readonly string[]>;
