import { BENCHMARK_METRIC as M, SPEEDUP_ALERT_PERCENTILE } from "../../src/catalog/benchmark-metrics.js";
import { durationSeconds } from "../../src/config/duration.js";
import type { SettingsProblem } from "../../src/config/load-environments.js";
import { environmentSchema, type EnvironmentSettings } from "../../src/config/environment-schema.js";
import type { Rule, RuleFile } from "../../src/model/artifacts.js";
import type { PackContext } from "../../src/model/stack-model.js";
import { formatNumber } from "../../src/promql/expressions.js";
import { alert, type Severity } from "../../src/promql/rule-builders.js";

/** The dashboard these alerts link to (`dashboard_url`, when Grafana has an external URL). */
export const BENCHMARK_DASHBOARD_UID = "nfops-benchmark";

/**
 * How long a detected regression keeps `PerformanceRegressionDetected` firing: the alert compares the
 * counter with its value this long ago, so a pushed detection is one notification, not one per scrape,
 * and the alert resolves by itself. Its `for` must be shorter (checked at load).
 */
export const REGRESSION_HOLD = "15m";

/** Bounds of every `benchmark.for.<Name>` (the schema's), which an `alerts.<Name>.for` override must keep too. */
const BENCHMARK_FOR_RANGE = environmentSchema.properties.benchmark.properties.for.properties.HighCIFailureRate.durationRange;

const P50 = `${M.speedupRatio}{percentile="${SPEEDUP_ALERT_PERCENTILE}"}`;
const BENCH = "{{ $labels.benchmark_name }}";

/**
 * The benchmark pack's alerts over what benchmark runs and CI jobs push (rules/benchmark/catalog.ts).
 * Thresholds and `for` durations are `benchmark.*` settings; the metrics carry no job selector, since
 * the Pushgateway scrape keeps each push's own `job` label.
 */
export function benchmarkRules({ environment }: PackContext): RuleFile {
  const { settings } = environment;
  const b = settings.benchmark;
  const min = formatNumber(b.minSpeedup);
  const target = formatNumber(b.targetSpeedup);
  const memory = formatNumber(b.memoryMb);
  const ci = formatNumber(b.ciFailureRatio);
  const forOf = (name: keyof typeof b.for) => (durationSeconds(b.for[name]) > 0 ? { for: b.for[name] } : {});
  return {
    name: "benchmark",
    groups: [
      {
        name: "nfops-benchmark",
        rules: [
          alert(settings, {
            name: "CriticalPerformanceRegression",
            expr: `${P50} < ${min}`,
            ...forOf("CriticalPerformanceRegression"),
            severity: "critical",
            category: "platform",
            dashboard: BENCHMARK_DASHBOARD_UID,
            summary: "A benchmark's median speed-up fell below the minimum.",
            description: `${BENCH} p50 speed-up is {{ $value | printf "%.2f" }}x against {{ $labels.baseline_version }} (minimum ${min}x).`,
          }),
          alert(settings, {
            name: "PerformanceBelowTarget",
            // Between the minimum and the target only: below the minimum is CriticalPerformanceRegression's.
            expr: `${P50} < ${target} >= ${min}`,
            ...forOf("PerformanceBelowTarget"),
            severity: "warning",
            category: "platform",
            dashboard: BENCHMARK_DASHBOARD_UID,
            summary: "A benchmark's median speed-up is below its target.",
            description: `${BENCH} p50 speed-up is {{ $value | printf "%.2f" }}x against {{ $labels.baseline_version }} (target ${target}x, minimum ${min}x).`,
          }),
          alert(settings, {
            name: "BenchmarkMemoryHigh",
            expr: `${M.memoryUsageMb} > ${memory}`,
            ...forOf("BenchmarkMemoryHigh"),
            severity: "warning",
            category: "platform",
            dashboard: BENCHMARK_DASHBOARD_UID,
            summary: "A benchmark process uses more memory than allowed.",
            description: `Process {{ $labels.process }} (phase {{ $labels.phase }}) uses {{ $value | printf "%.0f" }} MB (limit ${memory} MB).`,
          }),
          alert(settings, {
            name: "HighCIFailureRate",
            // The gauge is 1 for a pass and 0 for a failure: one minus its hourly mean is the failing share.
            expr: `1 - avg by (pipeline) (avg_over_time(${M.ciPipelineStatus}[1h])) > ${ci}`,
            ...forOf("HighCIFailureRate"),
            severity: "warning",
            category: "platform",
            dashboard: BENCHMARK_DASHBOARD_UID,
            summary: "A CI pipeline fails too often.",
            description: `Pipeline {{ $labels.pipeline }} was failing {{ $value | humanizePercentage }} of the last hour (threshold ${formatNumber(b.ciFailureRatio * 100)} %).`,
          }),
          ...regressionDetected(settings, b.for.PerformanceRegressionDetected),
        ],
      },
    ],
  };
}

/**
 * One rule per severity the counter's `severity` label names (critical, info, anything else a
 * warning), so the alert carries a severity Alertmanager routes on. A detection is a new series (a
 * new commit) or a higher value than `REGRESSION_HOLD` ago.
 */
function regressionDetected(settings: EnvironmentSettings, forDuration: string): Rule[] {
  const cases: [Severity, string][] = [
    ["critical", 'severity="critical"'],
    ["warning", 'severity!~"critical|info"'],
    ["info", 'severity="info"'],
  ];
  return cases.map(([severity, matcher]) => {
    const counter = `${M.regressionDetected}{${matcher}}`;
    return alert(settings, {
      name: "PerformanceRegressionDetected",
      expr: `${counter}\n  - (${counter} offset ${REGRESSION_HOLD} or ${counter} * 0)\n> 0`,
      ...(durationSeconds(forDuration) > 0 ? { for: forDuration } : {}),
      severity,
      category: "platform",
      dashboard: BENCHMARK_DASHBOARD_UID,
      summary: "A benchmark run detected a performance regression.",
      description: `${BENCH} regressed at commit {{ $labels.commit_hash }} ({{ $value | printf "%.0f" }} new detection(s), reported as ${severity}).`,
    });
  });
}

/** What the schema cannot say about `benchmark`: the target is not below the minimum, and a detection can fire before it is forgotten. */
export function checkBenchmarkSettings(settings: EnvironmentSettings): SettingsProblem[] {
  const b = settings.benchmark;
  const problems: SettingsProblem[] = [];
  if (b.targetSpeedup < b.minSpeedup) {
    problems.push({ path: "/benchmark/targetSpeedup", message: `must not be below benchmark.minSpeedup (${formatNumber(b.minSpeedup)})`, value: b.targetSpeedup });
  }
  // `alerts.<Name>.for` replaces `benchmark.for.<Name>`, so the override is held to the same bounds.
  for (const [name, own] of Object.entries(b.for) as [keyof typeof b.for, string][]) {
    const override = Object.hasOwn(settings.alerts, name) ? settings.alerts[name]?.for : undefined;
    const [path, value] = override !== undefined ? [`/alerts/${name}/for`, override] : [`/benchmark/for/${name}`, own];
    const [, max] = BENCHMARK_FOR_RANGE;
    if (override !== undefined && durationSeconds(override) > durationSeconds(max)) {
      problems.push({ path, message: `must be a duration from ${BENCHMARK_FOR_RANGE.join(" to ")}, as benchmark.for.${name} (which it overrides)`, value });
    }
    if (name === "PerformanceRegressionDetected" && durationSeconds(value) >= durationSeconds(REGRESSION_HOLD)) {
      problems.push({ path, message: `must be shorter than ${REGRESSION_HOLD}, how long a detection keeps the alert's condition true`, value });
    }
  }
  return problems;
}
