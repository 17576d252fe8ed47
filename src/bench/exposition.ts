import { Counter, Gauge, Histogram, Registry, Summary } from "prom-client";
import { BENCHMARK_LABELS as L, BENCHMARK_METRIC as M, EXECUTION_TIME_BUCKETS_MS, SUITE_DURATION_QUANTILES } from "../catalog/benchmark-metrics.js";
import { compareCodePoints } from "../config/code-point-order.js";
import type { BenchmarkResults } from "./load-results.js";

/** Help texts, identical on every push: the Pushgateway rejects a push whose help differs from what it holds. */
const HELP: Record<keyof typeof M, string> = {
  executionTimeMs: "Benchmark execution time in milliseconds, one observation per iteration.",
  speedupRatio: "Speed-up against the baseline version.",
  regressionDetected: "Performance regressions detected.",
  memoryUsageMb: "Memory usage in megabytes.",
  cpuUtilizationPercent: "CPU utilisation in percent.",
  suiteDurationSeconds: "Duration of the whole benchmark suite in seconds.",
  ciPipelineStatus: "CI pipeline status (0 = fail, 1 = pass).",
};

/**
 * The Prometheus text format (0.0.4, written by prom-client) of one run: a histogram per benchmark
 * over all its iterations, its speed-ups, its regressions at the run's commit, resources, the suite
 * duration as a summary of one observation, and the CI result. A family without samples is left out.
 * Deterministic: same results, same text. The loader has refused repeated label sets (prom-client
 * would merge them silently).
 */
export async function benchmarkExposition(results: BenchmarkResults): Promise<string> {
  const registry = new Registry();
  // A metric is registered only when it has a sample, so empty families are not pushed.
  const metric = <T>(key: keyof typeof M, present: boolean, make: (config: { name: string; help: string; labelNames: string[]; registers: Registry[] }) => T): T | undefined =>
    present ? make({ name: M[key], help: HELP[key], labelNames: [...L[key]], registers: [registry] }) : undefined;

  const environment = results.environment ?? "ci";
  const histogram = metric("executionTimeMs", true, (config) => new Histogram({ ...config, buckets: [...EXECUTION_TIME_BUCKETS_MS] }));
  for (const benchmark of results.benchmarks) {
    for (const ms of benchmark.iterationsMs) histogram?.observe({ benchmark_name: benchmark.name, environment }, ms);
  }

  const speedups = results.benchmarks.flatMap((benchmark) => Object.entries(benchmark.speedup ?? {}).sort(([a], [b]) => compareCodePoints(a, b)).map(([percentile, ratio]) => ({ benchmark, percentile, ratio })));
  const speedup = metric("speedupRatio", speedups.length > 0, (config) => new Gauge(config));
  for (const { benchmark, percentile, ratio } of speedups) speedup?.set({ benchmark_name: benchmark.name, percentile, baseline_version: results.baselineVersion }, ratio);

  const regressed = results.benchmarks.filter((benchmark) => benchmark.regression !== undefined);
  const regressions = metric("regressionDetected", regressed.length > 0, (config) => new Counter(config));
  for (const { name, regression } of regressed) regressions?.inc({ benchmark_name: name, severity: regression!.severity, commit_hash: results.commit }, regression!.count ?? 1);

  const memory = metric("memoryUsageMb", (results.memory ?? []).length > 0, (config) => new Gauge(config));
  for (const m of results.memory ?? []) memory?.set({ process: m.process, phase: m.phase }, m.mb);

  const cpu = metric("cpuUtilizationPercent", (results.cpu ?? []).length > 0, (config) => new Gauge(config));
  for (const c of results.cpu ?? []) cpu?.set({ core: c.core, process: c.process }, c.percent);

  // One observation per run: every quantile of it is the run's duration.
  const duration = results.suiteDurationSeconds;
  const suite = metric("suiteDurationSeconds", duration !== undefined, (config) => new Summary({ ...config, labelNames: [], percentiles: [...SUITE_DURATION_QUANTILES] }));
  if (duration !== undefined) suite?.observe(duration);

  const ci = metric("ciPipelineStatus", results.ci !== undefined, (config) => new Gauge(config));
  if (results.ci !== undefined) ci?.set({ pipeline: results.ci.pipeline, branch: results.ci.branch, trigger: results.ci.trigger }, results.ci.passed ? 1 : 0);

  return registry.metrics();
}

/** How many samples a text exposition holds: its lines that are neither empty nor `#` comments. */
export function sampleCount(exposition: string): number {
  return exposition.split("\n").filter((line) => line !== "" && !line.startsWith("#")).length;
}
