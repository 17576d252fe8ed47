import type { RuleFile } from "../../src/model/artifacts.js";
import type { PackContext } from "../../src/model/stack-model.js";
import { co2Rules } from "./co2.js";
import { gpuRules } from "./gpu.js";
import { platformRules } from "./platform.js";
import { semanticRules } from "./semantic.js";
import { sloRules } from "./slo.js";
import { slosRules } from "./slos.js";

/** The core pack's rule files, in a stable order; its recording layer is what the dashboards and budgets read. */
export function coreRuleFiles(context: PackContext): RuleFile[] {
  return [semanticRules(context), sloRules(context), slosRules(context), gpuRules(context), co2Rules(context), platformRules(context)];
}
