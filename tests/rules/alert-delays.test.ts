import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { METRIC } from "../../rules/core/catalog.js";
import { repositoryRoot } from "../../src/config/project-paths.js";
import { durationSeconds } from "../../src/config/duration.js";
import type { Rule } from "../../src/model/artifacts.js";
import { accountingInterval, rollupInterval } from "../../src/promql/windows.js";
import { loadTestEnvironment } from "../helpers/environments.js";
import { artifactsOf } from "../helpers/packs.js";
import { delaysFromSample } from "../helpers/rule-readers.js";

/**
 * Issue 28 let rules run less often but no alert fire more than one roll-up interval later. Its start,
 * 93ac036: each alert's delay from a sample to the evaluation that first sees it (its group's interval,
 * plus that of every recording of another group on its way), computed there by `delaysFromSample`.
 */
const START: Record<string, number> = JSON.parse(readFileSync(join(repositoryRoot, "tests", "fixtures", "alert-delays-93ac036.json"), "utf8")).delays;

/** The alerts on the GPU accounting chain, which runs every accounting interval instead of every scrape. */
const ON_ACCOUNTING = ["CostBudgetExceeded", "CO2BudgetExceeded", "GPUModelUnpriced", "GPUUtilizationLow"];
/** GPUUtilizationLow fires on its idle holders; the idle cost only labels it (the `or` keeps holders without one). */
const FIRES_ON: Record<string, string> = { GPUUtilizationLow: METRIC.lowUtilizationHolders };

const { environment } = loadTestEnvironment("", "alert-delays");
const groups = artifactsOf(environment).ruleFiles.flatMap((file) => file.groups);
const delays = delaysFromSample(groups, environment.settings.scrapeInterval);
const rules = groups.flatMap((group) => group.rules);
const keyOf = (rule: Rule) => `${rule.alert} for ${rule.for ?? "0"}`;
/** The delay of what an alert fires on. */
const delayOf = (rule: Rule) => {
  const source = FIRES_ON[rule.alert ?? ""];
  return delays.get(source ? (rules.find((r) => r.record === source) as Rule) : rule) ?? Infinity;
};

describe("time from a sample to an alert, against the start of the rule-cost work", () => {
  it("GIVEN the default environment THEN every alert of then sees a sample at most one roll-up interval later than then, those on the accounting chain at most one accounting interval later", () => {
    const alerts = rules.filter((rule) => rule.alert && START[keyOf(rule)] !== undefined);
    // Every alert of then is still there, with the same hold.
    expect(Object.keys(START).filter((key) => !alerts.some((rule) => keyOf(rule) === key))).toEqual([]);
    const allowance = (rule: Rule) => durationSeconds(ON_ACCOUNTING.includes(rule.alert ?? "") ? accountingInterval(environment.settings) : rollupInterval(environment.settings));
    const late = alerts.filter((rule) => delayOf(rule) > START[keyOf(rule)]! + allowance(rule)).map((rule) => `${keyOf(rule)}: ${delayOf(rule)} s, ${START[keyOf(rule)]} s at the start`);
    expect(late).toEqual([]);
  });
});
