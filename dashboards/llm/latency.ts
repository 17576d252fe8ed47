import { LLM_QUANTILES, LLM_RECORD } from "../../rules/llm/catalog.js";
import type { EnvironmentSettings } from "../../src/config/environment-schema.js";
import { noLimit, prometheusQuery, timeseries, UNIT, upperLimit, type DashboardRow, type Steps, type Target } from "../common.js";

const S = LLM_RECORD.serving;
const P = LLM_RECORD.provider;

type Latency = (typeof S)["requestDuration"];

/** One target per quantile of a latency, legend `p50 …`. */
function quantileTargets(names: Latency, legend: string): Target[] {
  return LLM_QUANTILES.map((q) => prometheusQuery(names.quantiles[q], `p${Math.round(q * 100)} ${legend}`));
}

const SERVED = "{{namespace}}/{{service}} {{model}}";

/** How long users wait: first token, between tokens, whole request. */
export function latencyRow(settings: EnvironmentSettings): DashboardRow {
  const { ttftP95Seconds, slowInferenceSeconds } = settings.llm;
  const panel = (title: string, description: string, targets: Target[], thresholds: Steps) =>
    timeseries({ title, description, unit: UNIT.seconds, targets, thresholds, min: 0, width: 8, height: 8 });
  return {
    title: "Latency",
    panels: [
      panel(
        "Time to first token p50 / p95",
        `Arrival to first generated token (vLLM; Triton: first response of decoupled models; TGI has none). LLMTimeToFirstTokenHigh fires when p95 stays above ${ttftP95Seconds} s for 5 minutes.`,
        quantileTargets(S.timeToFirstToken, SERVED),
        upperLimit(ttftP95Seconds),
      ),
      panel(
        "Inter-token latency p50 / p95",
        "Gap between consecutive output tokens (vLLM; TGI: each request's mean time per token, prefill included, so it reads high for short answers).",
        quantileTargets(S.interTokenLatency, SERVED),
        noLimit(),
      ),
      panel(
        "End-to-end latency p50 / p95 and mean",
        `Whole request, self-hosted and provider calls (Triton: mean only). LLMSlowInference fires when the mean stays above ${slowInferenceSeconds} s for 5 minutes.`,
        [
          ...quantileTargets(S.requestDuration, SERVED),
          prometheusQuery(S.requestDuration.mean, `mean ${SERVED}`),
          ...quantileTargets(P.requestDuration, "{{provider}} {{model}} ({{namespace}})"),
          prometheusQuery(P.requestDuration.mean, "mean {{provider}} {{model}} ({{namespace}})"),
        ],
        upperLimit(slowInferenceSeconds),
      ),
    ],
  };
}
