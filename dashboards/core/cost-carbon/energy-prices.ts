import type { Environment } from "../../../src/config/environment-schema.js";
import { METRIC } from "../../../rules/core/catalog.js";
import { regionSelector } from "../../../rules/core/selectors.js";
import { hourlyBars, prometheusQuery, series, stat, UNIT, type DashboardRow } from "../../common.js";
import { SELECTED } from "./selection.js";

/** Energy used, and the coefficients that turn it into cost and CO2 for this environment's region. */
export function energyPricesRow(environment: Environment): DashboardRow {
  const region = regionSelector(environment.settings);
  const coefficient = (metric: string) => prometheusQuery(`max(${series(metric, region)})`, environment.settings.region);
  return {
    title: `Energy and prices (${environment.settings.region})`,
    panels: [
      hourlyBars({
        title: "Energy per hour by namespace",
        description: `Facility energy (IT energy x PUE: GPUs, and CPU and DRAM with Kepler) of the last hour at each point, per namespace (\`${METRIC.energyKwh}\`).`,
        unit: UNIT.kilowattHours,
        targets: [prometheusQuery(`sum by (namespace) (${series(METRIC.energyKwh, ...SELECTED)})`, "{{namespace}}")],
      }),
      stat({
        title: "Electricity price",
        description: `Electricity price in effect (time-of-use aware), USD per kWh (\`${METRIC.electricityPrice}\`).`,
        unit: UNIT.usdPerKwh,
        targets: [coefficient(METRIC.electricityPrice)],
        decimals: 3,
        width: 4,
        height: 8,
      }),
      stat({
        title: "Grid carbon intensity",
        description: `Grid carbon intensity in effect, g CO2e per kWh: live from the provider when configured, else the static figure (\`${METRIC.carbonIntensity}\`).`,
        unit: UNIT.carbonIntensity,
        targets: [coefficient(METRIC.carbonIntensity)],
        width: 4,
        height: 8,
      }),
      stat({
        title: "PUE",
        description: `Data-centre power usage effectiveness: facility energy per unit of IT energy (\`${METRIC.pue}\`).`,
        unit: UNIT.count,
        targets: [coefficient(METRIC.pue)],
        decimals: 2,
        width: 4,
        height: 8,
      }),
      stat({
        title: "Pricing age",
        description: `Time since the cost exporter last loaded its pricing files successfully (\`${METRIC.exporterLastReload}\`). Rejected reloads keep the previous pricing.`,
        unit: UNIT.seconds,
        targets: [prometheusQuery(`time() - max(${METRIC.exporterLastReload})`, "age")],
        width: 4,
        height: 8,
      }),
    ],
  };
}
