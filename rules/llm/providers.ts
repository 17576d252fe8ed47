import { GENAI_LABEL, GENAI_METRIC as G } from "../../src/catalog/otel-genai-metrics.js";
import type { EnvironmentSettings } from "../../src/config/environment-schema.js";
import type { Rule } from "../../src/model/artifacts.js";
import { record } from "../../src/promql/rule-builders.js";
import { rateWindow } from "../../src/promql/windows.js";
import { LLM_METRIC as M, LLM_QUANTILES, LLM_RECORD } from "./catalog.js";
import { asProviderSeries, genAiTokensSelector } from "./genai.js";

const P = LLM_RECORD.provider;
const BY = "namespace, provider, model";

/**
 * The provider half of the semantic layer, per `namespace, provider, model`: from the `nf_llm_*`
 * contract that applications calling provider APIs export (docs/llm.md), or else from the OTel
 * GenAI metrics they push over OTLP (`src/catalog/otel-genai-metrics.ts`). Where both describe the
 * same namespace, provider and model, the contract wins (`or`), so nothing is counted twice.
 */
export function providerRules(settings: EnvironmentSettings): Rule[] {
  const w = rateWindow(settings);
  const rate = (series: string, extraBy = "") => `sum by (${extraBy}${BY}) (rate(${series}[${w}]))`;
  const genAiRate = (series: string, extraBy = "") => `sum by (${extraBy}${BY}) (${asProviderSeries(`rate(${series}[${w}])`, extraBy.includes("kind"))})`;
  const contractOrGenAi = (contract: string, genAi: string) => `${contract}\nor\n${genAi}`;
  const quantile = (q: number, buckets: string) => `histogram_quantile(${q}, ${buckets})`;
  const duration = G.operationDuration;
  return [
    record(P.requests, contractOrGenAi(rate(M.requests), genAiRate(`${duration}_count`))),
    record(P.errors, contractOrGenAi(rate(`${M.requests}{status="error"}`), genAiRate(`${duration}_count{${GENAI_LABEL.errorType}!=""}`))),
    record(P.tokens, contractOrGenAi(rate(M.tokens, "kind, "), genAiRate(genAiTokensSelector(), "kind, "))),
    ...LLM_QUANTILES.map((q) =>
      record(P.requestDuration.quantiles[q], contractOrGenAi(quantile(q, rate(`${M.requestDuration}_bucket`, "le, ")), quantile(q, genAiRate(`${duration}_bucket`, "le, ")))),
    ),
    record(
      P.requestDuration.mean,
      contractOrGenAi(`${rate(`${M.requestDuration}_sum`)}\n/\n${rate(`${M.requestDuration}_count`)}`, `${genAiRate(`${duration}_sum`)}\n/\n${genAiRate(`${duration}_count`)}`),
    ),
    // GenAI conventions have no queueing histogram.
    ...LLM_QUANTILES.map((q) => record(P.queueDuration.quantiles[q], quantile(q, rate(`${M.queueDuration}_bucket`, "le, ")))),
    record(P.queueDuration.mean, `${rate(`${M.queueDuration}_sum`)}\n/\n${rate(`${M.queueDuration}_count`)}`),
  ];
}
