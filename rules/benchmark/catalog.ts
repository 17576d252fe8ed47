import { BENCHMARK_LABELS as L, BENCHMARK_METRIC as M, EXECUTION_TIME_BUCKETS_MS, SUITE_DURATION_QUANTILES, UNBOUNDED_ITERATION_LABEL } from "../../src/catalog/benchmark-metrics.js";
import type { InputContract } from "../../src/catalog/input-contracts.js";
import type { MetricEntry } from "../../src/catalog/types.js";

/** The push's `job` and grouping labels, kept by the Pushgateway scrape's `honor_labels`. */
const pushed = (labels: readonly string[]) => ["job", ...labels];

/**
 * The benchmark pack's metrics: what benchmark runs and CI jobs push to the Pushgateway
 * (`nfops bench push`, or any Prometheus client's push), read by its rules and dashboard.
 */
/** Series exist only once a run has pushed them: their absence is no broken contract. */
const PUSHED: InputContract = { producer: "pushgateway", registration: "lazy", enabledBy: "a push by a benchmark run or CI job (nfops bench push)", quirks: ["the Pushgateway keeps the last push of each group until it is deleted: a stale value stays current"] };

export const benchmarkMetrics: readonly MetricEntry[] = [
  {
    name: M.executionTimeMs,
    type: "histogram",
    unit: "milliseconds",
    labels: pushed(L.executionTimeMs),
    producer: "pushgateway",
    input: PUSHED,
    description:
      `Execution time of one benchmark iteration; buckets ${EXECUTION_TIME_BUCKETS_MS.join(", ")} ms. ` +
      `The original design also labelled it \`${UNBOUNDED_ITERATION_LABEL}\`: one series per iteration grows without bound, so the Pushgateway scrape drops that label (metric_relabel_configs). ` +
      "Push one histogram per benchmark and environment holding every iteration (nfops bench push does): series that differ only in that label collide after the drop, and Prometheus keeps one of them per scrape.",
  },
  { name: M.speedupRatio, type: "gauge", unit: "ratio (×)", labels: pushed(L.speedupRatio), producer: "pushgateway",
    input: PUSHED, description: "Speed-up against the baseline version at a percentile (`percentile` is `p50`, `p95`, …); higher is better." },
  {
    name: M.regressionDetected,
    type: "counter",
    unit: "regressions",
    labels: pushed(L.regressionDetected),
    producer: "pushgateway",
    input: PUSHED,
    description: "Regressions the benchmark's guard detected at a commit. A new series (a new commit) or a higher value is a detection; `severity` is critical, warning or info.",
  },
  { name: M.memoryUsageMb, type: "gauge", unit: "MB", labels: pushed(L.memoryUsageMb), producer: "pushgateway",
    input: PUSHED, description: "Memory used by a benchmark process in a phase (e.g. `peak`)." },
  { name: M.cpuUtilizationPercent, type: "gauge", unit: "percent", labels: pushed(L.cpuUtilizationPercent), producer: "pushgateway",
    input: PUSHED, description: "CPU utilisation of a benchmark process on a core (`all` for the process as a whole)." },
  {
    name: M.suiteDurationSeconds,
    type: "summary",
    unit: "seconds",
    labels: pushed(L.suiteDurationSeconds),
    producer: "pushgateway",
    input: PUSHED,
    description: `Duration of the whole benchmark suite; quantiles ${SUITE_DURATION_QUANTILES.join(", ")} of the pushed run's observations.`,
  },
  { name: M.ciPipelineStatus, type: "gauge", unit: "boolean (1 pass, 0 fail)", labels: pushed(L.ciPipelineStatus), producer: "pushgateway",
    input: PUSHED, description: "Result of a CI pipeline's latest run on a branch." },
];
