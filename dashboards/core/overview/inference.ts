import type { Environment } from "../../../src/config/environment-schema.js";
import { METRIC } from "../../../rules/core/catalog.js";
import { formatNumber } from "../../../src/promql/expressions.js";
import { prometheusQuery, timeseries, UNIT, upperLimit, variableMatcher, type DashboardRow } from "../../common.js";
import { errorRatio, LATENCY_QUANTILES, latencyQuantile, requestRate } from "../inference-queries.js";

/** Inference golden signals for the selected namespaces: traffic, errors, latency against the SLO. */
export function inferenceRow(environment: Environment): DashboardRow {
  const { slo } = environment.settings;
  const selected = [variableMatcher("namespace")];
  const perService = ["namespace", "service"];
  return {
    title: "Inference",
    panels: [
      timeseries({
        title: "Requests per second",
        description: `Requests served per second, per service (\`${METRIC.inferRequests}\`).`,
        unit: UNIT.requestsPerSecond,
        targets: [prometheusQuery(requestRate(selected, perService), "{{namespace}}/{{service}}")],
        min: 0,
        width: 8,
        height: 8,
      }),
      timeseries({
        title: "Error ratio",
        description: `Failed / all requests per service. The dashed line is the InferenceErrorRateHigh objective (${formatNumber(slo.errorRatio * 100)} %).`,
        unit: UNIT.ratio,
        targets: [prometheusQuery(errorRatio(selected, perService), "{{namespace}}/{{service}}")],
        thresholds: upperLimit(slo.errorRatio),
        min: 0,
        width: 8,
        height: 8,
      }),
      timeseries({
        title: "Latency p50 / p95 / p99",
        description: `Latency quantiles over all selected services, from the \`${METRIC.inferLatencyMs}\` histogram. The dashed line is the p95 objective (${slo.latencyP95Ms} ms, InferenceLatencyHigh).`,
        unit: UNIT.milliseconds,
        targets: LATENCY_QUANTILES.map(({ quantile, legend }) => prometheusQuery(latencyQuantile(quantile, selected, []), legend)),
        thresholds: upperLimit(slo.latencyP95Ms),
        min: 0,
        width: 8,
        height: 8,
      }),
    ],
  };
}
