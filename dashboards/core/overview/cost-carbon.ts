import type { Environment } from "../../../src/config/environment-schema.js";
import type { DashboardRow } from "../../common.js";
import { budgetsOf, todayStat, weekStat } from "../budgets.js";

/** Cost and emissions of the whole cluster, today and over the last 7 days, against the weekly budgets. */
export function costCarbonRow(environment: Environment): DashboardRow {
  const { cost, co2 } = budgetsOf(environment);
  return {
    title: "Cost and CO2",
    panels: [todayStat(cost, 6, 6), weekStat(cost, 6, 6), todayStat(co2, 6, 6), weekStat(co2, 6, 6)],
  };
}
