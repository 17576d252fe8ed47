import { METRIC as CORE } from "../core/catalog.js";
import { durationSeconds } from "../../src/config/duration.js";
import type { EnvironmentSettings } from "../../src/config/environment-schema.js";
import type { Rule } from "../../src/model/artifacts.js";
import { record } from "../../src/promql/rule-builders.js";
import { HOUR_OF_RECORDINGS } from "../../src/promql/windows.js";
import { LLM_METRIC as M, LLM_RECORD } from "./catalog.js";
import { asProviderSeries, genAiTokensSelector } from "./genai.js";

const S = LLM_RECORD.serving;
const P = LLM_RECORD.provider;
const SERVING = "namespace, service, model, server";
const PROVIDER = "namespace, provider, model";
const TOKENS_PER_MILLION = 1e6;

/**
 * Hourly roll-ups (each sample: the last hour), evaluated every `rollupInterval` like the core
 * pack's cost roll-ups.
 *
 * Providers: each kind's billed tokens (from the contract, or else from the OTel GenAI token usage
 * histogram's `_sum`, as the provider layer reads them) of the hour at its list price per million. A price gap of up
 * to an hour is bridged (`last_over_time`), as the core pack bridges the GPU prices; tokens with no
 * price at all are left out of the cost and reported by `LLMModelUnpriced`, never priced at zero.
 *
 * Self-hosted: the serving namespace's GPU cost of the hour (`nf_cost_usd{source="gpu"}`: GPU-hours
 * at the hourly price plus the GPUs' energy) is split between the models served in that namespace
 * by their share of its tokens, then divided by each model's tokens. So every model of a namespace
 * gets the namespace's blended cost per million tokens: the GPU roll-ups know namespaces, not pods,
 * and GPUs of non-serving pods in the namespace are charged to its models too (docs/llm.md).
 */
export function costRules(settings: EnvironmentSettings): Rule[] {
  const toTokens = `${durationSeconds(settings.scrapeInterval)}`;
  const price = `max by (provider, model, kind) (last_over_time(${M.price}[1h]))`;
  const servingTokens = `sum by (${SERVING}) (${S.tokens1h})`;
  const namespaceTokens = `sum by (namespace) (${S.tokens1h})`;
  return [
    // Provider tokens straight from the counters: increase() handles application restarts.
    record(
      P.tokens1h,
      `sum by (kind, ${PROVIDER}) (increase(${M.tokens}[1h]))\nor\nsum by (kind, ${PROVIDER}) (${asProviderSeries(`increase(${genAiTokensSelector()}[1h])`, true)})`,
    ),
    record(
      M.costUsd,
      `
      sum by (${PROVIDER}) (
        ${P.tokens1h}
        * on (provider, model, kind) group_left ()
        ${price}
      ) / ${TOKENS_PER_MILLION}`,
    ),
    record(P.costPerMillionTokens1h, `${M.costUsd}\n/ on (${PROVIDER})\n(sum by (${PROVIDER}) (${P.tokens1h}) > 0) * ${TOKENS_PER_MILLION}`),
    // Each evaluation's 5-minute rate stands for one evaluation interval of tokens.
    record(S.tokens1h, `sum_over_time(${S.tokens}[${HOUR_OF_RECORDINGS}]) * ${toTokens}`),
    record(
      S.gpuCostUsd1h,
      `
      ${servingTokens}
      / on (namespace) group_left ()
      (${namespaceTokens} > 0)
      * on (namespace) group_left ()
      sum by (namespace) (${CORE.costUsd}{source="gpu"})`,
    ),
    record(S.gpuCostPerMillionTokens1h, `${S.gpuCostUsd1h}\n/ on (${SERVING})\n(${servingTokens} > 0) * ${TOKENS_PER_MILLION}`),
  ];
}
