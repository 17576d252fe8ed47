import type { Environment } from "../../../src/config/environment-schema.js";
import { METRIC } from "../../../rules/core/catalog.js";
import { hourlyTotal, LAST_7_DAYS, prometheusQuery, stat, TODAY, UNIT, upperLimit, type DashboardRow } from "../../common.js";

const DAYS_PER_WEEK = 7;

/**
 * Cost and emissions of the whole cluster, today and over the last 7 days, against the weekly
 * budgets. "Today" is compared with a seventh of the weekly budget, the pace that keeps within it.
 * Budgets are cluster-wide, so these panels ignore the namespace selection.
 */
export function costCarbonRow(environment: Environment): DashboardRow {
  const { budgets } = environment.settings;
  const today = (metric: string) => `sum(${hourlyTotal(metric, "$__range")})`;
  const lastWeek = (metric: string) => `sum(${hourlyTotal(metric, LAST_7_DAYS)})`;
  return {
    title: "Cost and CO2",
    panels: [
      stat({
        title: "Cost today",
        description: `Cost since midnight, energy plus GPU-hours (sum of the hourly \`${METRIC.costUsd}\`, the current hour not yet included). Red above a seventh of the weekly budget (${budgets.weeklyCostUsd} USD).`,
        unit: UNIT.usd,
        targets: [prometheusQuery(today(METRIC.costUsd), "today", { instant: true })],
        thresholds: upperLimit(budgets.weeklyCostUsd / DAYS_PER_WEEK),
        timeFrom: TODAY,
        width: 6,
        height: 6,
      }),
      stat({
        title: "Cost over 7 days",
        description: `Cost of the last 168 hours (\`${METRIC.costUsd}\`), the figure CostBudgetExceeded compares with the weekly budget. Red at the budget (${budgets.weeklyCostUsd} USD).`,
        unit: UNIT.usd,
        targets: [prometheusQuery(lastWeek(METRIC.costUsd), "7 days", { instant: true })],
        thresholds: upperLimit(budgets.weeklyCostUsd),
        width: 6,
        height: 6,
      }),
      stat({
        title: "CO2 today",
        description: `Emissions since midnight in kg CO2e (sum of the hourly \`${METRIC.co2Kg}\`, the current hour not yet included). Red above a seventh of the weekly budget (${budgets.weeklyCo2Kg} kg).`,
        unit: UNIT.kilograms,
        targets: [prometheusQuery(today(METRIC.co2Kg), "today", { instant: true })],
        thresholds: upperLimit(budgets.weeklyCo2Kg / DAYS_PER_WEEK),
        timeFrom: TODAY,
        width: 6,
        height: 6,
      }),
      stat({
        title: "CO2 over 7 days",
        description: `Emissions of the last 168 hours in kg CO2e (\`${METRIC.co2Kg}\`), the figure CO2BudgetExceeded compares with the weekly budget. Red at the budget (${budgets.weeklyCo2Kg} kg).`,
        unit: UNIT.kilograms,
        targets: [prometheusQuery(lastWeek(METRIC.co2Kg), "7 days", { instant: true })],
        thresholds: upperLimit(budgets.weeklyCo2Kg),
        width: 6,
        height: 6,
      }),
    ],
  };
}
