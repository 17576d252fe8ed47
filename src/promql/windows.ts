import { durationSeconds, formatDuration } from "../config/duration.js";
import type { EnvironmentSettings } from "../config/environment-schema.js";
import type { Rule } from "../model/artifacts.js";
import { holdAfterOverrides } from "./alert-overrides.js";

/** Windows and ranges every pack uses, so that all of them count the same samples. */

/**
 * How far back an instant query looks for a series' last sample: Prometheus' `--query.lookback-delta`,
 * default 5m (cmd/prometheus/main.go @ v2.42.0; promql/engine.go `defaultLookbackDelta`). A sample
 * older than that is no longer seen, so a recording must be written again before its last sample
 * is this old.
 */
export const PROMETHEUS_LOOKBACK_DELTA = "5m";

/**
 * Rate window of the 5-minute family: at least four scrapes, so that one missed scrape never
 * empties a rate (the usual rule of thumb behind `$__rate_interval`).
 */
export function rateWindow(settings: EnvironmentSettings): string {
  return formatDuration(Math.max(300, 4 * durationSeconds(settings.scrapeInterval)));
}

/**
 * Subquery range of one-hour steps over the last `days` days, for the hourly roll-ups (each sample
 * holds the amount of the last hour). One second short of the days: Prometheus 2 ranges include
 * their left edge and Prometheus 3 ranges exclude it, so on sample-aligned evaluations a full range
 * counts one sample more on 2.x. Shaving a second makes both count the same `days x 24` samples.
 */
function hourlyStepsOverDays(days: number): string {
  if (!Number.isInteger(days) || days < 1) throw new Error(`days must be a positive integer (value: ${days})`);
  return `${days * 24 - 1}h59m59s:1h`;
}

/** Total of an hourly roll-up over the last `days` days: one sample per hour, summed. */
export function hourlyRollupTotal(selector: string, days: number): string {
  return `sum_over_time(${selector}[${hourlyStepsOverDays(days)}])`;
}

/**
 * The range of the hourly sums over recordings. They run in a group of their own (every
 * `rollupInterval`; `accountingInterval` for the GPU holdings), at instants that never coincide with
 * the recording group's, so a full hour holds exactly 3600 / the recording group's interval samples
 * on Prometheus 2 and 3 alike. promtool evaluates all
 * groups at the same instants: the rule tests evaluate the roll-up group first (`group_eval_order`),
 * so it sees the samples up to the previous instant, as Prometheus does.
 */
export const HOUR_OF_RECORDINGS = "1h";

/**
 * Evaluation interval of the groups whose windows span hours or days (the LLM pack's hourly cost roll-ups,
 * the long burn-rate windows): a one-hour window moves by under 2 % in a minute, so evaluating it
 * every scrape only multiplies the samples read. Never below the scrape interval.
 */
export function rollupInterval(settings: EnvironmentSettings): string {
  return formatDuration(Math.max(60, durationSeconds(settings.scrapeInterval)));
}

/**
 * Evaluation interval of the groups that read every per-pod, per-container or per-CPU series of a
 * large cluster (the kubernetes pack's aggregation, node CPU and RAM): two roll-up intervals (2
 * minutes by default). A rule costs what it selects (`npm run bench`): read every two minutes, they
 * cost half as much, while the alerts that read their recordings wait 10 minutes or more and fire at
 * most one roll-up interval later; the dashboards' usage is a 5-minute rate either way.
 */
export function aggregationInterval(settings: EnvironmentSettings): string {
  return formatDuration(2 * durationSeconds(rollupInterval(settings)));
}

/**
 * Evaluation interval of a group of alerts that wait `PROMPT_HOLD_BELOW` or longer, over raw series and
 * the recordings of their own group (the GPU alerts on memory, clocks and NVLink; HighCPUUsage with
 * the CPU it reads), which sustained-alert groups evaluate every roll-up interval: the longest interval, up to two
 * roll-up intervals, that every alert's hold (`for`, after the environment's overrides) is a whole
 * number of. A hold then ends on an evaluation, so an alert fires at most (this interval - the
 * roll-up interval) later than at the roll-up interval, while its selectors run less often: 100 s for
 * holds of 15 minutes, 60 % of the reads at one minute (`npm run bench -- rules`); 2 minutes for holds
 * of 10. A hold that no longer interval divides (7 minutes) keeps the roll-up interval. An alert that
 * reads another group's recordings also waits for that group, so the two lags would add up.
 */
export function holdInterval(settings: EnvironmentSettings, rules: readonly Rule[]): string {
  const rollup = durationSeconds(rollupInterval(settings));
  return longestIntervalDividing(holdsOf(settings, rules), 2 * rollup, rollup);
}

/**
 * Alerts that wait less than this, or not at all, report what happens now (a hot GPU, an XID, a GPU
 * lost from the bus): `promptInterval` keeps them near the scrape interval. Longer holds are
 * sustained conditions, for `holdInterval`.
 */
export const PROMPT_HOLD_BELOW = "10m";

/** Whether a rule is an alert that waits less than `PROMPT_HOLD_BELOW` (after the environment's overrides), or not at all. */
export function isPromptAlert(settings: EnvironmentSettings, rule: Rule): boolean {
  return rule.alert !== undefined && durationSeconds(holdAfterOverrides(rule, settings.alerts) ?? "0s") < durationSeconds(PROMPT_HOLD_BELOW);
}

/**
 * Evaluation interval of a group of alerts that wait less than `PROMPT_HOLD_BELOW`, over raw series
 * and the recordings of their own group (the GPU alerts on temperature, XIDs, ECC, row remaps, the
 * bus, the exporter): a group without an interval of its own runs every `evaluation_interval`, the
 * scrape interval; this is the longest interval up to one roll-up interval more that every alert's
 * hold is a whole number of, so each fires at most one roll-up interval later than there: 75 s by default.
 */
export function promptInterval(settings: EnvironmentSettings, rules: readonly Rule[]): string {
  const scrape = durationSeconds(settings.scrapeInterval);
  return longestIntervalDividing(holdsOf(settings, rules), scrape + durationSeconds(rollupInterval(settings)), scrape);
}

/**
 * Evaluation interval of a group that records what its alerts read and evaluates them right after
 * (per-node CPU and HighCPUUsage): `promptInterval` when one of its alerts is prompt, else
 * `holdInterval`. In one group an alert reads each new sample at once; in two, it waits for the
 * recording's next evaluation and then for its own, and the two intervals add up.
 */
export function alertGroupInterval(settings: EnvironmentSettings, rules: readonly Rule[]): string {
  return rules.some((rule) => isPromptAlert(settings, rule)) ? promptInterval(settings, rules) : holdInterval(settings, rules);
}

/** Each alert's hold in seconds, after the environment's overrides; alerts that wait for nothing have none. */
function holdsOf(settings: EnvironmentSettings, rules: readonly Rule[]): number[] {
  return rules.flatMap((rule) => {
    const hold = holdAfterOverrides(rule, settings.alerts);
    return hold === undefined ? [] : [durationSeconds(hold)];
  });
}

/** The longest interval in (shortest, longest] that every hold is a whole number of; else `shortest`. */
function longestIntervalDividing(holds: readonly number[], longest: number, shortest: number): string {
  // Whole seconds only: a hold with a fraction of a second keeps the shortest interval.
  if (holds.some((seconds) => !Number.isInteger(seconds))) return formatDuration(shortest);
  const common = holds.reduce(greatestCommonDivisor, 0);
  for (let seconds = longest; seconds > shortest; seconds--) {
    if (common % seconds === 0) return formatDuration(seconds);
  }
  return formatDuration(shortest);
}

function greatestCommonDivisor(a: number, b: number): number {
  return b === 0 ? a : greatestCommonDivisor(b, a % b);
}

/**
 * The GPU accounting chain's interval where the roll-up interval is shorter: 4 minutes, a whole number of
 * evaluations an hour (15). It must stay below `PROMETHEUS_LOOKBACK_DELTA`: a recording's sample carries
 * its group's scheduled time but is written only once its rule has run (rules/manager.go `Group.Eval`
 * commits per rule @ v2.42.0), seconds later at fleet scale; until then a query finds only the previous
 * sample, one interval old, and at 5 minutes that is outside the lookback, so the recording vanishes
 * for the budget alerts and the dashboards. A minute of margin absorbs the evaluation's lag.
 */
export const ACCOUNTING_INTERVAL = "4m";

/**
 * Evaluation interval of the GPU accounting chain (who holds which GPU share, GPU-hours, energy,
 * cost and CO2 per hour): `ACCOUNTING_INTERVAL`, never below the roll-up interval. A bill in hours
 * does not need minutes: a holder's hours are counted in steps of this interval, and the hourly sums,
 * cost and CO2 are at most this old, so the budget alerts fire at most this much later. At 10,000 GPUs
 * the chain cost a third of all rule evaluation every minute (`npm run bench -- rules`).
 */
export function accountingInterval(settings: EnvironmentSettings): string {
  return formatDuration(Math.max(durationSeconds(ACCOUNTING_INTERVAL), durationSeconds(rollupInterval(settings))));
}
