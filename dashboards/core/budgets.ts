import type * as cog from "@grafana/grafana-foundation-sdk/cog";
import type { Panel } from "@grafana/grafana-foundation-sdk/dashboard";
import type { Environment } from "../../src/config/environment-schema.js";
import { METRIC } from "../../rules/core/catalog.js";
import { prometheusQuery, rangeTotal, stat, timeseries, TODAY, UNIT, upperLimit, weekTotal, type Unit } from "../common.js";

/**
 * The weekly budgets as panels, shared by the Overview and the Cost & Carbon dashboards. Budgets are
 * cluster-wide, so these panels ignore namespace and GPU model selections.
 */
export interface Budget {
  /** What is budgeted, as shown in titles. */
  readonly what: "Cost" | "CO2";
  readonly metric: string;
  readonly unit: Unit;
  /** The weekly budget, in the metric's unit. */
  readonly weekly: number;
  /** The budget with its unit, for descriptions. */
  readonly label: string;
  readonly alert: string;
}

const DAYS_PER_WEEK = 7;

export function budgetsOf(environment: Environment): { readonly cost: Budget; readonly co2: Budget } {
  const { budgets } = environment.settings;
  return {
    cost: { what: "Cost", metric: METRIC.costUsd, unit: UNIT.usd, weekly: budgets.weeklyCostUsd, label: `${budgets.weeklyCostUsd} USD`, alert: "CostBudgetExceeded" },
    co2: { what: "CO2", metric: METRIC.co2Kg, unit: UNIT.kilograms, weekly: budgets.weeklyCo2Kg, label: `${budgets.weeklyCo2Kg} kg CO2e`, alert: "CO2BudgetExceeded" },
  };
}

/** Spent since midnight, against a seventh of the weekly budget (the pace that keeps within it). */
export function todayStat(budget: Budget, width: number, height: number): cog.Builder<Panel> {
  return stat({
    title: `${budget.what} today`,
    description: `${budget.what} since midnight (sum of the hourly \`${budget.metric}\`; the current hour is not yet included). Red above a seventh of the weekly budget of ${budget.label}.`,
    unit: budget.unit,
    targets: [prometheusQuery(`sum(${rangeTotal(budget.metric)})`, "today", { instant: true })],
    thresholds: upperLimit(budget.weekly / DAYS_PER_WEEK),
    timeFrom: TODAY,
    width,
    height,
  });
}

/** Spent over the last 168 hours: the figure the budget alert compares with the weekly budget. */
export function weekStat(budget: Budget, width: number, height: number): cog.Builder<Panel> {
  return stat({
    title: `${budget.what} over 7 days`,
    description: `${budget.what} of the last 168 hours (\`${budget.metric}\`), the figure ${budget.alert} compares with the weekly budget. Red at the budget (${budget.label}).`,
    unit: budget.unit,
    targets: [prometheusQuery(`sum(${weekTotal(budget.metric)})`, "7 days", { instant: true })],
    thresholds: upperLimit(budget.weekly),
    width,
    height,
  });
}

/** The 7-day total at every hour of the range: how the budget is being burnt. */
export function rollingWeek(budget: Budget, width: number, height: number): cog.Builder<Panel> {
  return timeseries({
    title: `${budget.what}, rolling 7 days`,
    description: `${budget.what} of the 168 hours before each point, against the weekly budget (dashed, ${budget.label}). Crossing it fires ${budget.alert}.`,
    unit: budget.unit,
    targets: [prometheusQuery(`sum(${weekTotal(budget.metric)})`, "last 7 days")],
    thresholds: upperLimit(budget.weekly),
    minInterval: "1h",
    min: 0,
    width,
    height,
  });
}
