import { METRIC } from "../../../rules/core/catalog.js";
import { refIdOf } from "../../render.js";
import { hourlyBars, prometheusQuery, rangeTotal, series, table, UNIT, type DashboardRow } from "../../common.js";
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
  const totals = table({
    title: "Totals by namespace",
    description: "Cost, emissions and facility energy of each namespace over the dashboard's time range (sums of the hourly roll-ups).",
    unit: UNIT.usd,
    targets: columns.map(({ metric, name }) => prometheusQuery(rangeByNamespace(metric), name, { instant: true, table: true })),
    transformations: [
      { id: "merge", options: {} },
      {
        id: "organize",
        options: {
          excludeByName: { Time: true },
          renameByName: Object.fromEntries(columns.map(({ name }, index) => [`Value #${refIdOf(index)}`, name])),
        },
      },
      { id: "sortBy", options: { sort: [{ field: "Cost", desc: true }] } },
    ],
    width: 8,
    height: 8,
  });
  for (const { name, unit } of columns) totals.overrideByName(name, [{ id: "unit", value: unit }]);
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
