import { durationSeconds, formatDuration } from "../../src/config/duration.js";
import type { RuleFile, RuleGroup } from "../../src/model/artifacts.js";

/** A subquery's range and step, `[2m:1m]`. */
const SUBQUERY = /\[([0-9a-z]+):([0-9a-z]+)\]/g;

/**
 * The generated rule files with every group that has its own `interval` run faster by one factor,
 * for end-to-end suites that test the pipeline (scrape, rule, Alertmanager, receiver), not the
 * groups' cadence: a group evaluated every minute made an alert with a 5 s `for` wait up to two
 * minutes. The factor comes from the rule files themselves: the shortest group interval longer
 * than Prometheus' `evaluation_interval` (the suite's scrape interval, which the groups without an
 * interval already run at) becomes that evaluation interval, and every other group is scaled alike,
 * so their order and ratios stay (a five-minute group still runs five times less often than a
 * one-minute one). A subquery stepping at its group's interval counts per evaluation (the restarts
 * in the last interval): its range and step are scaled with the group, so the evaluations still
 * count intervals that follow each other without overlap (unscaled, each minute's count would be
 * recorded at every faster evaluation). Windows (`[5m]`), `for` and recorded values are left as
 * generated; a suite that asserts a group's interval must assert it on the generated files.
 */
export function scaleRuleGroupIntervals(ruleFiles: readonly RuleFile[], evaluationInterval: string): { ruleFiles: RuleFile[]; scale: number } {
  const evaluation = durationSeconds(evaluationInterval);
  const slower = ruleFiles.flatMap((f) => f.groups).flatMap((g) => (g.interval === undefined ? [] : [durationSeconds(g.interval)])).filter((s) => s > evaluation);
  if (slower.length === 0) return { ruleFiles: [...ruleFiles], scale: 1 };
  const shortest = Math.min(...slower);
  const scaled = (duration: string) => formatDuration((durationSeconds(duration) * evaluation) / shortest);
  const scaleGroup = (group: RuleGroup): RuleGroup => {
    if (group.interval === undefined) return group;
    const interval = durationSeconds(group.interval);
    const steppingAtInterval = (whole: string, range: string, step: string) => (durationSeconds(step) === interval ? `[${scaled(range)}:${scaled(step)}]` : whole);
    return { ...group, interval: scaled(group.interval), rules: group.rules.map((rule) => ({ ...rule, expr: rule.expr.replace(SUBQUERY, steppingAtInterval) })) };
  };
  return { ruleFiles: ruleFiles.map((file) => ({ ...file, groups: file.groups.map(scaleGroup) })), scale: evaluation / shortest };
}
