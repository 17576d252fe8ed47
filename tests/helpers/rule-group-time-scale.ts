import { durationSeconds, formatDuration } from "../../src/config/duration.js";
import type { RuleFile } from "../../src/model/artifacts.js";

/**
 * The generated rule files with every group that has its own `interval` run faster by one factor,
 * for end-to-end suites that test the pipeline (scrape, rule, Alertmanager, receiver), not the
 * groups' cadence: a group evaluated every minute made an alert with a 5 s `for` wait up to two
 * minutes. The factor comes from the rule files themselves: the shortest group interval longer
 * than Prometheus' `evaluation_interval` (the suite's scrape interval, which the groups without an
 * interval already run at) becomes that evaluation interval, and every other group is scaled alike,
 * so their order and ratios stay (a five-minute group still runs five times less often than a
 * one-minute one). Windows (`[5m]`), `for` and recorded values are left as generated; a suite that
 * asserts a group's interval must not use this.
 */
export function scaleRuleGroupIntervals(ruleFiles: readonly RuleFile[], evaluationInterval: string): { ruleFiles: RuleFile[]; scale: number } {
  const evaluation = durationSeconds(evaluationInterval);
  const slower = ruleFiles.flatMap((f) => f.groups).flatMap((g) => (g.interval === undefined ? [] : [durationSeconds(g.interval)])).filter((s) => s > evaluation);
  if (slower.length === 0) return { ruleFiles: [...ruleFiles], scale: 1 };
  const shortest = Math.min(...slower);
  const scaled = (interval: string) => formatDuration((durationSeconds(interval) * evaluation) / shortest);
  return {
    ruleFiles: ruleFiles.map((file) => ({ ...file, groups: file.groups.map((g) => (g.interval === undefined ? g : { ...g, interval: scaled(g.interval) })) })),
    scale: evaluation / shortest,
  };
}
