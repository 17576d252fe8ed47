import type { RuleFile } from "../../src/model/artifacts.js";
import type { PackContext } from "../../src/model/stack-model.js";
import { rollupInterval } from "../../src/promql/windows.js";
import { llmAlerts } from "./alerts.js";
import { LLM_RECORD } from "./catalog.js";
import { costRules } from "./cost.js";
import { errorRatioRule } from "./error-ratio.js";
import { providerRules } from "./providers.js";
import { servingRules } from "./serving.js";

/** The llm pack's rule files: its semantic layer and hourly cost roll-ups, then its alerts. */
export function llmRuleFiles({ environment }: PackContext): RuleFile[] {
  const { settings } = environment;
  const { serving, provider } = LLM_RECORD;
  return [
    {
      name: "llm-semantic",
      groups: [
        { name: "nfops-llm-serving.rules", rules: [...servingRules(settings), errorRatioRule(serving.errorRatio, serving.errors, serving.requests)] },
        { name: "nfops-llm-providers.rules", rules: [...providerRules(settings), errorRatioRule(provider.errorRatio, provider.errors, provider.requests)] },
        // Sliding one-hour windows move little in a minute; the token rates they sum are recorded every scrape.
        { name: "nfops-llm-cost-hourly.rules", interval: rollupInterval(settings), rules: costRules(settings) },
      ],
    },
    { name: "llm", groups: [{ name: "nfops-llm", rules: llmAlerts(settings) }] },
  ];
}
