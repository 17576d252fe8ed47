import type { Environment } from "../src/config/environment-schema.js";
import type { RuleFile } from "../src/synth/artifacts.js";

/** Every rule file of every enabled pack, in a stable order. */
export function buildRuleFiles(_environment: Environment): RuleFile[] {
  return [];
}
