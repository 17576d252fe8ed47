import { llmDashboards } from "../../dashboards/llm/index.js";
import { llmMetrics } from "../../rules/llm/catalog.js";
import { llmRuleFiles } from "../../rules/llm/index.js";
import { checkTtftThreshold } from "../../rules/llm/settings-checks.js";
import type { EnvironmentSettings } from "../config/environment-schema.js";
import type { SettingsProblem } from "../config/load-environments.js";
import type { PackDefinition } from "../model/stack-model.js";

/**
 * The llm pack reads what the core pack catalogues and records: the vLLM, TGI and Triton series,
 * the cost exporter's gauges and the hourly GPU cost it divides by tokens.
 */
function requireCore(settings: EnvironmentSettings): SettingsProblem[] {
  if (settings.packs.includes("core")) return [];
  return [
    {
      path: "/packs",
      message:
        "selects llm without core: the llm pack reads the vLLM, TGI and Triton series, the cost exporter's prices and the hourly GPU cost that the core pack catalogues and records; use packs: [core, llm]",
      value: settings.packs,
    },
  ];
}

/** Self-hosted LLM servers and provider APIs: tokens, latency, queue, cost per provider and model. */
export const llmPack: PackDefinition = {
  name: "llm",
  description:
    "LLM serving: vLLM, TGI and Triton mapped onto one layer per namespace, service and model, provider API calls (nf_llm_*), hourly cost per provider and model and GPU cost per million tokens, LLMDailyCostHigh, LLMErrorRateHigh, LLMSlowInference, LLMTimeToFirstTokenHigh, InferenceQueueBacklog, LLMModelUnpriced, the LLM dashboard",
  metrics: llmMetrics,
  ruleFiles: llmRuleFiles,
  dashboards: llmDashboards,
  ruleTestsDir: "rules/llm/tests",
  checkSettings: (settings) => [...requireCore(settings), ...checkTtftThreshold(settings)],
};
