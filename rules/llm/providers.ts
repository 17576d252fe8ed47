import type { EnvironmentSettings } from "../../src/config/environment-schema.js";
import type { Rule } from "../../src/model/artifacts.js";
import { record } from "../../src/promql/rule-builders.js";
import { rateWindow } from "../../src/promql/windows.js";
import { LLM_METRIC as M, LLM_QUANTILES, LLM_RECORD } from "./catalog.js";

const P = LLM_RECORD.provider;
const BY = "namespace, provider, model";

/**
 * The provider half of the semantic layer, from the `nf_llm_*` contract that applications calling
 * provider APIs export (docs/llm.md), per `namespace, provider, model`.
 */
export function providerRules(settings: EnvironmentSettings): Rule[] {
  const w = rateWindow(settings);
  const rate = (series: string, extraBy = "") => `sum by (${extraBy}${BY}) (rate(${series}[${w}]))`;
  const latency = (histogram: string, names: (typeof P)["requestDuration"]) => [
    ...LLM_QUANTILES.map((q) => record(names.quantiles[q], `histogram_quantile(${q}, ${rate(`${histogram}_bucket`, "le, ")})`)),
    record(names.mean, `${rate(`${histogram}_sum`)}\n/\n${rate(`${histogram}_count`)}`),
  ];
  return [
    record(P.requests, rate(M.requests)),
    record(P.errors, rate(`${M.requests}{status="error"}`)),
    record(P.tokens, rate(M.tokens, "kind, ")),
    ...latency(M.requestDuration, P.requestDuration),
    ...latency(M.queueDuration, P.queueDuration),
  ];
}
