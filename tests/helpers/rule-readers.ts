import { durationSeconds } from "../../src/config/duration.js";
import type { Rule, RuleGroup } from "../../src/model/artifacts.js";
import { metricsReadNow } from "../../src/promql/metrics-read-now.js";
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

/**
 * Worst case, in seconds, from a sample to the evaluation that first sees it, of each rule of
 * `groups`: its group's interval, plus, for each recording it reads now (not shifted by `offset`)
 * that its group has not recorded before it at the same evaluation, that recording's own delay.
 * Alerts read the result; holds come on top.
 */
export function delaysFromSample(groups: readonly RuleGroup[], scrapeInterval: string): Map<Rule, number> {
  const place = new Map<string, { group: RuleGroup; index: number; rule: Rule }>();
  for (const group of groups) group.rules.forEach((rule, index) => rule.record && place.set(rule.record, { group, index, rule }));
  const delays = new Map<Rule, number>();
  const delayOf = (group: RuleGroup, index: number, rule: Rule): number => {
    const known = delays.get(rule);
    if (known !== undefined) return known;
    const upstream = [...metricsReadNow(rule.expr)].flatMap((metric) => {
      const source = place.get(metric);
      if (!source || source.rule === rule || (source.group === group && source.index < index)) return [];
      return [delayOf(source.group, source.index, source.rule)];
    });
    const delay = durationSeconds(group.interval ?? scrapeInterval) + Math.max(0, ...upstream);
    delays.set(rule, delay);
    return delay;
  };
  for (const group of groups) group.rules.forEach((rule, index) => delayOf(group, index, rule));
  return delays;
}
