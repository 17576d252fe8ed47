import { durationSeconds } from "../../src/config/duration.js";
import type { Rule, RuleGroup } from "../../src/model/artifacts.js";
import { parsePromQL, promqlMetrics } from "./query-syntax.js";

/** A rule that reads some of the series a test follows, with its group and those series (once per selector). */
export interface SeriesReader {
  readonly group: RuleGroup;
  readonly rule: Rule;
  readonly reads: string[];
}

/** The rules whose expressions select a metric `isInput` accepts. */
export function rulesReading(groups: readonly RuleGroup[], isInput: (metric: string) => boolean): SeriesReader[] {
  return groups.flatMap((group) =>
    group.rules.map((rule) => ({ group, rule, reads: promqlMetrics(parsePromQL(rule.expr)).filter(isInput) })).filter(({ reads }) => reads.length > 0),
  );
}

/** `<group>: <rule>` of the readers whose group is evaluated more often than `interval` (groups without one run every `scrapeInterval`). */
export function readersMoreOftenThan(readers: readonly SeriesReader[], interval: string, scrapeInterval: string): string[] {
  const seconds = durationSeconds(interval);
  return readers.filter(({ group }) => durationSeconds(group.interval ?? scrapeInterval) < seconds).map(({ group, rule }) => `${group.name}: ${rule.alert ?? rule.record}`);
}
