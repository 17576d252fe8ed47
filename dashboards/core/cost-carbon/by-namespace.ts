import { METRIC } from "../../../rules/core/catalog.js";
import { columnsTable, hourlyBars, prometheusQuery, rangeTotal, series, UNIT, type DashboardRow } from "../../common.js";
import { SELECTED } from "./selection.js";

const perNamespace = (metric: string) => `sum by (namespace) (${series(metric, ...SELECTED)})`;
const rangeByNamespace = (metric: string) => `sum by (namespace) (${rangeTotal(series(metric, ...SELECTED))})`;

/** Who spends: cost, emissions and energy per namespace (`unallocated` holds GPUs no pod holds). */
export function byNamespaceRow(): DashboardRow {
  const columns = [
    { metric: METRIC.costUsd, name: "Cost", unit: UNIT.usd },
    { metric: METRIC.co2Kg, name: "CO2", unit: UNIT.kilograms },
    { metric: METRIC.energyKwh, name: "Energy", unit: UNIT.kilowattHours },
  ];
  const totals = columnsTable({
    title: "Totals by namespace",
    description: "Cost, emissions and facility energy of each namespace over the dashboard's time range (sums of the hourly roll-ups).",
    unit: UNIT.usd,
    columns: columns.map(({ metric, name, unit }) => ({ name, expr: rangeByNamespace(metric), unit })),
    width: 8,
    height: 8,
  });
  return {
    title: "By namespace",
    panels: [
      hourlyBars({
        title: "Cost per hour by namespace",
        description: `Cost of the last hour at each point, per namespace (\`${METRIC.costUsd}\`): energy cost plus GPU-hours at the hourly price.`,
        unit: UNIT.usd,
        targets: [prometheusQuery(perNamespace(METRIC.costUsd), "{{namespace}}")],
      }),
      hourlyBars({
        title: "CO2 per hour by namespace",
        description: `Emissions of the last hour at each point, per namespace, in kg CO2e (\`${METRIC.co2Kg}\`).`,
        unit: UNIT.kilograms,
        targets: [prometheusQuery(perNamespace(METRIC.co2Kg), "{{namespace}}")],
      }),
      totals,
    ],
  };
}
