import type { Environment } from "../../../src/config/environment-schema.js";
import { METRIC } from "../../../rules/core/catalog.js";
import { hourlyBars, prometheusQuery, series, table, UNIT, weekTotal, type DashboardRow } from "../../common.js";
import { SELECTED } from "./selection.js";

/**
 * Money spent on GPUs that pods hold but barely use, and how much of the energy is measured
 * rather than estimated (GPUs without an energy counter), by source when Kepler adds CPU and DRAM.
 */
export function idleAndEstimatesRow(environment: Environment): DashboardRow {
  const { gpu, energy } = environment.settings;
  const idleCost = series(METRIC.gpuIdleCostUsd1h, ...SELECTED);
  return {
    title: "Idle GPUs and energy estimates",
    panels: [
      table({
        title: "Idle GPU spend by namespace, last 7 days",
        description: `GPU-hours pods held while utilisation was below ${gpu.lowUtilizationPercent} % (gpu.lowUtilizationPercent), at the hourly price of the model, summed over the last 7 days (\`${METRIC.gpuIdleCostUsd1h}\`). GPUUtilizationLow names the pods.`,
        unit: UNIT.usd,
        targets: [prometheusQuery(`sort_desc(sum by (namespace) (${weekTotal(idleCost)}))`, "{{namespace}}", { instant: true, table: true })],
        hiddenColumns: ["Time"],
        width: 8,
        height: 8,
      }),
      hourlyBars({
        title: "Idle GPU cost per hour by namespace",
        description: `Idle GPU-hours of the last hour at each point, priced per hour, per namespace (\`${METRIC.gpuIdleCostUsd1h}\`).`,
        unit: UNIT.usd,
        targets: [prometheusQuery(`sum by (namespace) (${idleCost})`, "{{namespace}}")],
      }),
      hourlyBars({
        title: energy.kepler ? "Energy per hour by method and source" : "GPU energy per hour by method",
        description: `GPU energy of the last hour by how it was measured (\`${METRIC.gpuEnergyKwh1h}\`): \`counter\` (DCGM energy counter), \`power\` (power readings integrated), \`tdp_estimate\` (TDP x utilisation, for GPUs with neither).${energy.kepler ? ` CPU and DRAM energy come from Kepler (\`${METRIC.hostEnergyKwh1h}\`).` : ""} Before PUE.`,
        unit: UNIT.kilowattHours,
        targets: [
          prometheusQuery(`sum by (method) (${series(METRIC.gpuEnergyKwh1h, ...SELECTED)})`, "GPU {{method}}"),
          ...(energy.kepler ? [prometheusQuery(`sum by (source) (${series(METRIC.hostEnergyKwh1h, SELECTED[0])})`, "{{source}}")] : []),
        ],
      }),
    ],
  };
}
