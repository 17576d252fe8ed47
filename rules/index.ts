import type { Environment } from "../src/config/environment-schema.js";
import type { RuleFile } from "../src/model/artifacts.js";
import { co2Rules } from "./core/co2.js";
import { gpuRules } from "./core/gpu.js";
import { platformRules } from "./core/platform.js";
import { semanticRules } from "./core/semantic.js";
import { sloRules } from "./core/slo.js";

/**
 * Every rule file of the enabled packs, in a stable order. The `core` pack is always on: its
 * recording layer is what the dashboards and budgets read.
 */
export function buildRuleFiles(environment: Environment): RuleFile[] {
  const s = environment.settings;
  return [semanticRules(s), sloRules(s), gpuRules(s), co2Rules(s), platformRules(s)];
}
