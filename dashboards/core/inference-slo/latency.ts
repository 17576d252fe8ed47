import type { Environment } from "../../../src/config/environment-schema.js";
import { METRIC } from "../../../rules/core/catalog.js";
import { heatmap, prometheusHeatmapQuery, prometheusQuery, series, timeseries, UNIT, upperLimit, type DashboardRow } from "../../common.js";
import { LATENCY_QUANTILES, latencyBuckets, latencyQuantile } from "../inference-queries.js";
import { LATENCY_OBJECTIVE_QUANTILE, PER_SERVICE_LEGEND, SELECTED } from "./selection.js";

/** Latency quantiles, the whole distribution, and which services are slow. */
export function latencyRow(environment: Environment): DashboardRow {
  const { slo } = environment.settings;
  return {
    title: "Latency",
    panels: [
      timeseries({
        title: "Latency p50 / p95 / p99",
        description: `Latency quantiles over the selected services (\`${METRIC.inferLatencyMs}\` histogram). The dashed line is the p95 objective (${slo.latencyP95Ms} ms).`,
        unit: UNIT.milliseconds,
        targets: LATENCY_QUANTILES.map(({ quantile, legend }) => prometheusQuery(latencyQuantile(quantile, SELECTED, []), legend)),
        thresholds: upperLimit(slo.latencyP95Ms),
        min: 0,
        width: 8,
        height: 8,
      }),
      heatmap({
        title: "Latency distribution",
        description: `Requests per second in each latency bucket of \`${METRIC.inferLatencyMs}\` (upper bound in ms): a second mode or a long tail shows here before it moves the p95.`,
        unit: UNIT.requestsPerSecond,
        targets: [prometheusHeatmapQuery(latencyBuckets(SELECTED))],
        width: 8,
        height: 8,
      }),
      timeseries({
        title: `Share of requests slower than ${slo.latencyP95Ms} ms`,
        description: `Per service, over 5 minutes (\`${METRIC.latencySlowRatio}\`). Above ${Math.round((1 - LATENCY_OBJECTIVE_QUANTILE) * 100)} % the p95 exceeds the objective.`,
        unit: UNIT.ratio,
        targets: [prometheusQuery(series(METRIC.latencySlowRatio, ...SELECTED), PER_SERVICE_LEGEND)],
        thresholds: upperLimit(1 - LATENCY_OBJECTIVE_QUANTILE),
        min: 0,
        width: 8,
        height: 8,
      }),
    ],
  };
}
