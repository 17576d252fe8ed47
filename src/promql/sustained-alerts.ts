import { durationSeconds } from "../config/duration.js";
import type { EnvironmentSettings } from "../config/environment-schema.js";
import type { Rule, RuleFile, RuleGroup } from "../model/artifacts.js";
import { rollupInterval } from "./windows.js";

/**
 * Alerts that must hold at least this long are evaluated at the roll-up interval: a minute is at
 * most a fifth of their `for`, and the selectors over every GPU and node behind them (GPU
 * temperature, GPUs on the bus) run a quarter as often (DESIGN §12, `npm run bench -- rules`).
 */
const SUSTAINED_FOR_SECONDS = 300;

/**
 * Moves the alerts of each group that wait 5 minutes or more (`for`, after the environment's
 * overrides) into a sibling group `<group>-sustained` evaluated every `rollupInterval`: they fire at
 * most a minute later, and the selectors over every GPU and node behind them run a quarter as often.
 * Groups that set their own interval, and recording rules, stay as they are.
 */
export function evaluateSustainedAlertsSlower(files: readonly RuleFile[], settings: EnvironmentSettings): RuleFile[] {
  const interval = rollupInterval(settings);
  if (durationSeconds(interval) <= durationSeconds(settings.scrapeInterval)) return [...files];
  const sustained = (rule: Rule) => rule.alert !== undefined && rule.for !== undefined && durationSeconds(rule.for) >= SUSTAINED_FOR_SECONDS;
  const split = (group: RuleGroup): RuleGroup[] => {
    if (group.interval !== undefined || !group.rules.some(sustained)) return [group];
    const rest = group.rules.filter((rule) => !sustained(rule));
    return [...(rest.length > 0 ? [{ ...group, rules: rest }] : []), { name: `${group.name}-sustained`, interval, rules: group.rules.filter(sustained) }];
  };
  return files.map((file) => ({ ...file, groups: file.groups.flatMap(split) }));
}
