import type { Environment } from "../../../src/config/environment-schema.js";
import { coreMetrics, METRIC } from "../../../rules/core/catalog.js";
import { formatNumber } from "../../../src/promql/expressions.js";
import { findMetric } from "../../../src/catalog/find-metric.js";
import { lowerLimit, prometheusQuery, series, stat, UNIT, upperLimit, type DashboardRow } from "../../common.js";
import { LATENCY_OBJECTIVE_QUANTILE, SELECTED } from "./selection.js";

/**
 * Totals over the dashboard's range from the 5-minute recording rules, sampled once per window so
 * that the samples tile the range: request-weighted, unlike an average of ratios.
 */
function overRange(expr: string): string {
  const step = findMetric(coreMetrics, METRIC.requestRate5m)?.window;
  if (!step) throw new Error(`catalog entry ${METRIC.requestRate5m} has no window`);
  return `sum_over_time(sum(${expr})[$__range:${step}])`;
}

const requests = overRange(series(METRIC.requestRate5m, ...SELECTED));
// No error series before the first failure: count it as zero errors.
const errors = `(${overRange(series(METRIC.errorRate5m, ...SELECTED))} or vector(0))`;
const slow = overRange(`${series(METRIC.latencySlowRatio, ...SELECTED)} * ${series(METRIC.requestRate5m, ...SELECTED)}`);

/** The service level indicators over the dashboard's time range, against the objectives. */
export function slisRow(environment: Environment): DashboardRow {
  const { slo } = environment.settings;
  const errorRatio = `${errors} / ${requests}`;
  return {
    title: "Service level indicators (time range)",
    panels: [
      stat({
        title: "Availability",
        description: `Share of requests that succeeded over the time range, all selected services. Red below the objective (${formatNumber((1 - slo.errorRatio) * 100)} %).`,
        unit: UNIT.ratio,
        targets: [prometheusQuery(`1 - ${errorRatio}`, "availability", { instant: true })],
        thresholds: lowerLimit(1 - slo.errorRatio),
        decimals: 3,
        width: 6,
        height: 6,
      }),
      stat({
        title: "Error budget remaining",
        description: `Share of the error budget (${formatNumber(slo.errorRatio * 100)} % of requests may fail) left after the time range's failures. Negative: the objective is missed.`,
        unit: UNIT.ratio,
        targets: [prometheusQuery(`1 - (${errorRatio}) / ${formatNumber(slo.errorRatio)}`, "remaining", { instant: true })],
        thresholds: lowerLimit(0),
        decimals: 1,
        width: 6,
        height: 6,
      }),
      stat({
        title: `Requests faster than ${slo.latencyP95Ms} ms`,
        description: `Share of requests served within the latency objective over the time range. The p95 objective holds while it stays at or above ${LATENCY_OBJECTIVE_QUANTILE * 100} %.`,
        unit: UNIT.ratio,
        targets: [prometheusQuery(`1 - ${slow} / ${requests}`, "within objective", { instant: true })],
        thresholds: lowerLimit(LATENCY_OBJECTIVE_QUANTILE),
        decimals: 3,
        width: 6,
        height: 6,
      }),
      stat({
        title: "p95 latency now (worst service)",
        description: `Highest p95 latency of the selected services over the last 5 minutes (\`${METRIC.latencyP95}\`). Red above the objective (${slo.latencyP95Ms} ms).`,
        unit: UNIT.milliseconds,
        targets: [prometheusQuery(`max(${series(METRIC.latencyP95, ...SELECTED)})`, "p95")],
        thresholds: upperLimit(slo.latencyP95Ms),
        width: 6,
        height: 6,
      }),
    ],
  };
}
