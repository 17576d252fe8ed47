import type { EnvironmentSettings } from "../../src/config/environment-schema.js";
import type { SettingsProblem } from "../../src/config/load-environments.js";
import type { Rule, RuleFile } from "../../src/model/artifacts.js";
import type { PackContext } from "../../src/model/stack-model.js";
import { alert } from "../../src/promql/rule-builders.js";
import { dedent, formatNumber } from "../../src/promql/expressions.js";
import { CLUSTER_JOB } from "../../src/model/scrape-config.js";
import { errorRatioMetric, METRIC as M, requestRateMetric } from "./catalog.js";
import { BURN_RATES, FASTEST_BURN } from "./slo-objectives.js";

/** The dashboard these alerts link to (`dashboard_url`, when Grafana has an external URL). */
const DASHBOARD = "nfops-inference-slo";

const WHERE = "{{ $labels.namespace }}/{{ $labels.service }}";

/** The error objective as a percentage for descriptions (0.005 → `0.5`). */
function errorObjectivePercent(settings: EnvironmentSettings): string {
  return formatNumber(settings.slo.errorRatio * 100);
}

/** Services with less traffic than this over the alert's window are left out: a few requests make every ratio noise. */
function busyService(settings: EnvironmentSettings, requests: string): string {
  return `${requests} >= ${formatNumber(settings.slo.minRequestsPerSecond)}`;
}

export function sloRules({ environment }: PackContext): RuleFile {
  const { settings } = environment;
  const { errorRatio } = settings.slo;
  const percent = errorObjectivePercent(settings);
  const burnCondition = (severity: "critical" | "warning") =>
    BURN_RATES.filter((b) => b.severity === severity)
      .map((b) => {
        const threshold = formatNumber(b.factor * errorRatio);
        // The short window's traffic: a service a few minutes old would never reach the 3-day average.
        return `(${errorRatioMetric(b.long)} > ${threshold} and ${errorRatioMetric(b.short)} > ${threshold} and ${busyService(settings, requestRateMetric(b.short))})`;
      })
      .join("\nor\n");

  return {
    name: "slo",
    groups: [
      {
        name: "nfops-slo",
        rules: [
          ...(["critical", "warning"] as const).map((severity) =>
            alert(settings, {
              name: "InferenceErrorBudgetBurn",
              expr: dedent(burnCondition(severity)),
              for: severity === "critical" ? "2m" : "15m",
              severity,
              category: "slo",
              dashboard: DASHBOARD,
              summary:
                severity === "critical"
                  ? "Inference error budget is burning fast enough to be gone within days."
                  : "Inference error budget is burning faster than it can last the month.",
              description: `${WHERE}: errors are consuming the ${percent}% error budget at {{ $value | humanizePercentage }} error ratio (long window).`,
            }),
          ),
          alert(settings, {
            name: "InferenceSLOMetricsAbsent",
            // Pods of a service still answer scrapes, but the request counter they exported in the last
            // hour is gone: the SLO alerts above have gone blind for it (a renamed metric, a broken exporter).
            expr: dedent(`
              (
                count by (namespace, service, pod) (present_over_time(${M.inferRequests}[1h]))
                unless on (namespace, service, pod)
                count by (namespace, service, pod) (${M.inferRequests})
              )
              and on (namespace, pod)
              up{job="${CLUSTER_JOB.inference}"} == 1`),
            for: "10m",
            severity: "warning",
            category: "slo",
            dashboard: DASHBOARD,
            summary: "A running inference pod stopped exporting its SLO metrics.",
            description: `${WHERE}: pod {{ $labels.pod }} is scraped but has not exported ${M.inferRequests} for 10 minutes; the service's latency and error alerts cannot fire.`,
          }),
        ],
      },
    ],
  };
}

/**
 * The alerts on the 5-minute recordings alone (p95 latency, error ratio, traffic): evaluated right after
 * them, in their group (`nfops-inference.rules`, rules/core/semantic.ts), so that they do not wait for
 * that group and then for one of their own.
 */
export function inferenceObjectiveAlerts(settings: EnvironmentSettings): Rule[] {
  const { latencyP95Ms, errorRatio } = settings.slo;
  return [
    alert(settings, {
      name: "InferenceLatencyHigh",
      // No traffic gives NaN, which compares false: an idle service does not alert.
      expr: `${M.latencyP95} > ${formatNumber(latencyP95Ms)}\nand\n${busyService(settings, M.requestRate5m)}`,
      for: "5m",
      severity: "warning",
      category: "slo",
      dashboard: DASHBOARD,
      summary: "Inference p95 latency is above its objective.",
      description: `${WHERE}: p95 latency is {{ $value | printf "%.0f" }} ms, above the ${formatNumber(latencyP95Ms)} ms objective.`,
    }),
    alert(settings, {
      name: "InferenceErrorRateHigh",
      expr: `${errorRatioMetric("5m")} > ${formatNumber(errorRatio)}\nand\n${busyService(settings, M.requestRate5m)}`,
      for: "5m",
      severity: "warning",
      category: "slo",
      dashboard: DASHBOARD,
      summary: "Inference error ratio is above its objective.",
      description: `${WHERE}: {{ $value | humanizePercentage }} of requests fail, above the ${errorObjectivePercent(settings)}% objective.`,
    }),
  ];
}

/**
 * The burn-rate alerts compare error ratios with `factor × slo.errorRatio`; a ratio can never
 * exceed 1, so an objective whose fastest threshold is 1 or more makes that alert unreachable.
 */
export function checkSloSettings(settings: EnvironmentSettings): SettingsProblem[] {
  const fastest = FASTEST_BURN;
  const { errorRatio } = settings.slo;
  if (fastest * errorRatio < 1) return [];
  return [
    {
      path: "/slo/errorRatio",
      message: `is too large for the burn-rate alerts: ${fastest} × it reaches 1, which an error ratio never exceeds, so InferenceErrorBudgetBurn could never fire (largest usable: below ${formatNumber(1 / fastest)})`,
      value: errorRatio,
    },
  ];
}
