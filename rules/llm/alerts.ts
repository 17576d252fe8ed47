import type { EnvironmentSettings } from "../../src/config/environment-schema.js";
import type { Rule } from "../../src/model/artifacts.js";
import { dedent, formatNumber } from "../../src/promql/expressions.js";
import { alert } from "../../src/promql/rule-builders.js";
import { hourlyRollupTotal } from "../../src/promql/windows.js";
import { LLM_METRIC as M, LLM_RECORD } from "./catalog.js";

/** The dashboard these alerts link to (`dashboard_url`, when Grafana has an external URL). */
export const LLM_DASHBOARD = "nfops-llm";

const S = LLM_RECORD.serving;
const P = LLM_RECORD.provider;
const SERVED = "{{ $labels.namespace }}/{{ $labels.service }} ({{ $labels.server }}, model {{ $labels.model }})";
/** Names a self-hosted model or a provider model, whichever half of the layer the series comes from. */
const WHO = `{{ if $labels.provider }}{{ $labels.provider }} model {{ $labels.model }} called from {{ $labels.namespace }}{{ else }}${SERVED}{{ end }}`;

/**
 * The LLM alerts of the original system (daily cost, error rate, average inference time) and its
 * inference platform (queue backlog), with time to first token and unpriced models. Error rate and
 * slowness watch both halves of the semantic layer in one rule: self-hosted models (labels
 * `service`, `server`) or provider models (label `provider`), and the description names which.
 */
export function llmAlerts(settings: EnvironmentSettings): Rule[] {
  const { dailyCostUsd, errorRatio, slowInferenceSeconds, ttftP95Seconds, queueBacklog } = settings.llm;
  const errorPercent = formatNumber(errorRatio * 100);
  const slow = formatNumber(slowInferenceSeconds);
  const common = { dashboard: LLM_DASHBOARD };
  const either = (serving: string, provider: string, threshold: string) => `${serving} > ${threshold}\nor\n${provider} > ${threshold}`;
  return [
    alert(settings, {
      ...common,
      name: "LLMDailyCostHigh",
      expr: `sum(${hourlyRollupTotal(M.costUsd, 1)}) > ${formatNumber(dailyCostUsd)}`,
      for: "15m",
      severity: "warning",
      category: "cost",
      summary: "LLM provider spend over the last 24 hours exceeds the daily budget.",
      description: `LLM provider calls cost {{ $value | printf "%.2f" }} USD over the last 24 hours, above the daily budget of ${formatNumber(dailyCostUsd)} USD.`,
      action: "Open the LLM dashboard's cost row to find the provider, model and namespace behind the spend; agree with the owner on caching, a cheaper model or a lower volume, or on raising llm.dailyCostUsd.",
    }),
    alert(settings, {
      ...common,
      name: "LLMErrorRateHigh",
      // No traffic gives NaN, which compares false: an idle model does not alert.
      expr: either(S.errorRatio, P.errorRatio, formatNumber(errorRatio)),
      for: "5m",
      severity: "critical",
      category: "slo",
      summary: "An LLM fails more than its allowed share of requests.",
      description: `${WHO} failed {{ $value | humanizePercentage }} of requests over 5 minutes (threshold ${errorPercent} %).`,
    }),
    alert(settings, {
      ...common,
      name: "LLMSlowInference",
      expr: either(S.requestDuration.mean, P.requestDuration.mean, slow),
      for: "5m",
      severity: "warning",
      category: "slo",
      summary: "LLM requests take too long on average.",
      description: `${WHO} took {{ $value | printf "%.1f" }} s per request on average over 5 minutes (threshold ${slow} s).`,
    }),
    alert(settings, {
      ...common,
      name: "LLMTimeToFirstTokenHigh",
      expr: `${S.timeToFirstToken.quantiles[0.95]} > ${formatNumber(ttftP95Seconds)}`,
      for: "5m",
      severity: "warning",
      category: "slo",
      summary: "Users wait too long for the first token.",
      description: `p95 time to first token of ${SERVED} is {{ $value | printf "%.2f" }} s over 5 minutes (threshold ${formatNumber(ttftP95Seconds)} s).`,
    }),
    alert(settings, {
      ...common,
      name: "InferenceQueueBacklog",
      expr: `${S.waiting} > ${formatNumber(queueBacklog)}`,
      for: "5m",
      severity: "warning",
      category: "slo",
      summary: "Requests pile up in a model server's queue.",
      description: `{{ $value | printf "%.0f" }} requests wait in the queue of ${SERVED} (threshold ${formatNumber(queueBacklog)}) for 5 minutes.`,
    }),
    alert(settings, {
      ...common,
      name: "LLMModelUnpriced",
      // The cost roll-up bridges a price gap of an hour; beyond that the tokens are left out of nf_llm_cost_usd.
      expr: dedent(`
        sum by (provider, model, kind) (${P.tokens}) > 0
        unless on (provider, model, kind)
        last_over_time(${M.price}[1h])`),
      for: "15m",
      severity: "warning",
      category: "cost",
      summary: "Tokens of a provider model that pricing/llm.yaml does not price.",
      description: `{{ $labels.provider }} model {{ $labels.model }} uses {{ $value | printf "%.1f" }} {{ $labels.kind }} tokens/s with no price per million: they are missing from nf_llm_cost_usd and LLMDailyCostHigh.`,
      action: "Add the model with its prompt and completion prices (source and date) to pricing/llm.yaml, then synth and apply; the exporter reloads the file by itself.",
    }),
  ];
}
