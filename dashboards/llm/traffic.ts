import { LLM_RECORD } from "../../rules/llm/catalog.js";
import type { EnvironmentSettings } from "../../src/config/environment-schema.js";
import { lowerLimit, prometheusQuery, timeseries, UNIT, type DashboardRow } from "../common.js";

const S = LLM_RECORD.serving;
const P = LLM_RECORD.provider;

/** How much each model serves: tokens and requests per second, and the share that succeeds. */
export function trafficRow(settings: EnvironmentSettings): DashboardRow {
  const success = 1 - settings.llm.errorRatio;
  return {
    title: "Traffic and tokens",
    panels: [
      timeseries({
        title: "Tokens per second by model",
        description: `Prompt and completion tokens per second: self-hosted models (\`${S.tokens}\`; Triton counts no tokens) and provider calls (\`${P.tokens}\`).`,
        unit: UNIT.tokensPerSecond,
        targets: [
          prometheusQuery(`sum by (model, kind) (${S.tokens})`, "{{model}} {{kind}} (self-hosted)"),
          prometheusQuery(`sum by (provider, model, kind) (${P.tokens})`, "{{provider}} {{model}} {{kind}}"),
        ],
        min: 0,
        width: 8,
        height: 8,
      }),
      timeseries({
        title: "Requests per second by model",
        description: "Finished requests of self-hosted models (failures included) and provider calls, per second over 5 minutes.",
        unit: UNIT.requestsPerSecond,
        targets: [
          prometheusQuery(`sum by (namespace, service, model) (${S.requests})`, "{{namespace}}/{{service}} {{model}}"),
          prometheusQuery(`sum by (provider, model) (${P.requests})`, "{{provider}} {{model}}"),
        ],
        min: 0,
        width: 8,
        height: 8,
      }),
      timeseries({
        title: "Success rate by model",
        description: `Share of requests that succeed over 5 minutes (1 − error ratio). Below ${success * 100} % for 5 minutes, LLMErrorRateHigh pages.`,
        unit: UNIT.ratio,
        targets: [
          prometheusQuery(`1 - ${S.errorRatio}`, "{{namespace}}/{{service}} {{model}}"),
          prometheusQuery(`1 - ${P.errorRatio}`, "{{provider}} {{model}} ({{namespace}})"),
        ],
        thresholds: lowerLimit(success),
        max: 1,
        width: 8,
        height: 8,
      }),
    ],
  };
}
