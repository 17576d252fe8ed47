import type { Environment } from "../../../src/config/environment-schema.js";
import type { DashboardRow } from "../../common.js";
import { budgetsOf, rollingWeek, weekStat } from "../budgets.js";

/** Where the week stands against the cost and CO2 budgets, and how fast it got there. */
export function budgetsRow(environment: Environment): DashboardRow {
  const { cost, co2 } = budgetsOf(environment);
  return {
    title: "Weekly budgets (whole cluster)",
    panels: [weekStat(cost, 4, 8), rollingWeek(cost, 8, 8), weekStat(co2, 4, 8), rollingWeek(co2, 8, 8)],
  };
}
