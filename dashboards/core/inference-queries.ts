import { METRIC } from "../../rules/core/catalog.js";
import type { QueryVariableBuilder } from "@grafana/grafana-foundation-sdk/dashboard";
import { labelVariable, rateOf, series } from "../common.js";

/**
 * PromQL of the inference golden signals, shared by the Overview and the Inference SLO dashboards.
 * They read the raw counters and histogram with `$__rate_interval`, so the resolution follows the
 * zoom; the recording rules (fixed 5m windows) serve alerts and the longer SLO windows.
 */

function sumBy(labels: readonly string[], expr: string): string {
  return labels.length === 0 ? `sum(${expr})` : `sum by (${labels.join(", ")}) (${expr})`;
}

/** Requests per second. */
export function requestRate(matchers: readonly string[], by: readonly string[]): string {
  return sumBy(by, rateOf(series(METRIC.inferRequests, ...matchers)));
}

/**
 * Failed / all requests. The error counter may not exist before the first failure, so a missing
 * error series counts as zero instead of hiding the service.
 */
export function errorRatio(matchers: readonly string[], by: readonly string[]): string {
  const requests = requestRate(matchers, by);
  const errors = sumBy(by, rateOf(series(METRIC.inferErrors, ...matchers)));
  return `(${errors} or ${requests} * 0) / ${requests}`;
}

/** A latency quantile (0 < q < 1) in milliseconds from the histogram buckets. */
export function latencyQuantile(quantile: number, matchers: readonly string[], by: readonly string[]): string {
  const buckets = rateOf(series(`${METRIC.inferLatencyMs}_bucket`, ...matchers));
  return `histogram_quantile(${quantile}, ${sumBy(["le", ...by], buckets)})`;
}

/** Bucket rates for a latency heatmap. */
export function latencyBuckets(matchers: readonly string[]): string {
  return sumBy(["le"], rateOf(series(`${METRIC.inferLatencyMs}_bucket`, ...matchers)));
}

/** The quantiles shown on latency panels, with their legends. */
export const LATENCY_QUANTILES = [
  { quantile: 0.5, legend: "p50" },
  { quantile: 0.95, legend: "p95" },
  { quantile: 0.99, legend: "p99" },
] as const;

/** `$namespace`: the namespaces that serve inference traffic. */
export function inferenceNamespaceVariable(description: string): QueryVariableBuilder {
  return labelVariable({ name: "namespace", label: "Namespace", series: METRIC.requestRate5m, labelName: "namespace", description });
}
