import { llmDashboards } from "../../dashboards/llm/index.js";
import { llmMetrics } from "../../rules/llm/catalog.js";
import { llmRuleFiles } from "../../rules/llm/index.js";
import { checkTtftThreshold } from "../../rules/llm/settings-checks.js";
import type { PackDefinition } from "../model/stack-model.js";

/** Self-hosted LLM servers and provider APIs: tokens, latency, queue, cost per provider and model. */
export const llmPack: PackDefinition = {
  name: "llm",
  description:
    "LLM serving: vLLM, TGI and Triton mapped onto one layer per namespace, service and model, provider API calls (nf_llm_*), hourly cost per provider and model and GPU cost per million tokens, LLMDailyCostHigh, LLMErrorRateHigh, LLMSlowInference, LLMTimeToFirstTokenHigh, InferenceQueueBacklog, LLMModelUnpriced, the LLM dashboard",
  metrics: llmMetrics,
  ruleFiles: llmRuleFiles,
  dashboards: llmDashboards,
  ruleTestsDir: "rules/llm/tests",
  requires: [
    {
      pack: "core",
      because: "the llm pack reads the vLLM, TGI and Triton series, the cost exporter's prices and the hourly GPU cost that the core pack catalogues and records",
    },
  ],
  checkSettings: checkTtftThreshold,
};
