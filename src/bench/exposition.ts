import { BENCHMARK_METRIC as M, EXECUTION_TIME_BUCKETS_MS, SUITE_DURATION_QUANTILES } from "../catalog/benchmark-metrics.js";
import { compareCodePoints } from "../config/code-point-order.js";
import { labelSet } from "../model/label-set.js";
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


function family(key: keyof typeof M, type: string, samples: readonly string[]): string[] {
  return samples.length === 0 ? [] : [`# HELP ${M[key]} ${HELP[key]}`, `# TYPE ${M[key]} ${type}`, ...samples];
}

/**
 * The Prometheus text format (0.0.4) of one run: a histogram per benchmark over all its iterations,
 * its speed-ups, its regressions at the run's commit, resources, the suite duration as a summary of
 * one observation, and the CI result. Deterministic: same results, same text.
 */
export function benchmarkExposition(results: BenchmarkResults): string {
  const environment = results.environment ?? "ci";
  const histograms = results.benchmarks.flatMap((benchmark) => {
    const labels = { benchmark_name: benchmark.name, environment };
    const count = benchmark.iterationsMs.length;
    const buckets = EXECUTION_TIME_BUCKETS_MS.map((le) => `${M.executionTimeMs}_bucket${labelSet({ ...labels, le: String(le) })} ${benchmark.iterationsMs.filter((ms) => ms <= le).length}`);
    const sum = benchmark.iterationsMs.reduce((total, ms) => total + ms, 0);
    return [...buckets, `${M.executionTimeMs}_bucket${labelSet({ ...labels, le: "+Inf" })} ${count}`, `${M.executionTimeMs}_sum${labelSet(labels)} ${sum}`, `${M.executionTimeMs}_count${labelSet(labels)} ${count}`];
  });
  const speedups = results.benchmarks.flatMap((benchmark) =>
    Object.entries(benchmark.speedup ?? {})
      .sort(([a], [b]) => compareCodePoints(a, b))
      .map(([percentile, ratio]) => `${M.speedupRatio}${labelSet({ benchmark_name: benchmark.name, percentile, baseline_version: results.baselineVersion })} ${ratio}`),
  );
  const regressions = results.benchmarks.flatMap((benchmark) =>
    benchmark.regression === undefined
      ? []
      : [`${M.regressionDetected}${labelSet({ benchmark_name: benchmark.name, severity: benchmark.regression.severity, commit_hash: results.commit })} ${benchmark.regression.count ?? 1}`],
  );
  const memory = (results.memory ?? []).map((m) => `${M.memoryUsageMb}${labelSet({ process: m.process, phase: m.phase })} ${m.mb}`);
  const cpu = (results.cpu ?? []).map((c) => `${M.cpuUtilizationPercent}${labelSet({ core: c.core, process: c.process })} ${c.percent}`);
  const duration = results.suiteDurationSeconds;
  const suite =
    duration === undefined
      ? []
      : [
          // One observation per run: every quantile of it is the run's duration.
          ...SUITE_DURATION_QUANTILES.map((q) => `${M.suiteDurationSeconds}${labelSet({ quantile: String(q) })} ${duration}`),
          `${M.suiteDurationSeconds}_sum ${duration}`,
          `${M.suiteDurationSeconds}_count 1`,
        ];
  const ci = results.ci === undefined ? [] : [`${M.ciPipelineStatus}${labelSet({ pipeline: results.ci.pipeline, branch: results.ci.branch, trigger: results.ci.trigger })} ${results.ci.passed ? 1 : 0}`];
  return [
    ...family("executionTimeMs", "histogram", histograms),
    ...family("speedupRatio", "gauge", speedups),
    ...family("regressionDetected", "counter", regressions),
    ...family("memoryUsageMb", "gauge", memory),
    ...family("cpuUtilizationPercent", "gauge", cpu),
    ...family("suiteDurationSeconds", "summary", suite),
    ...family("ciPipelineStatus", "gauge", ci),
    "",
  ].join("\n");
}
