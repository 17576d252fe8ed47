import { METRIC } from "../../../rules/core/catalog.js";
import { hourlyBars, prometheusQuery, series, table, UNIT, variableMatcher, type DashboardRow } from "../../common.js";
import { SELECTED } from "./selection.js";

const perModel = (metric: string) => `sum by (gpu_model) (${series(metric, ...SELECTED)})`;

/** What each GPU model costs: spend, GPU-hours and the hourly price in effect. */
export function byGpuModelRow(): DashboardRow {
  return {
    title: "By GPU model",
    panels: [
      hourlyBars({
        title: "Cost per hour by GPU model",
        description: `Cost of the last hour at each point, per GPU model (\`${METRIC.costUsd}\`).`,
        unit: UNIT.usd,
        targets: [prometheusQuery(perModel(METRIC.costUsd), "{{gpu_model}}")],
      }),
      hourlyBars({
        title: "GPU-hours per hour by GPU model",
        description: `GPU-hours of the last hour at each point, per GPU model (\`${METRIC.gpuHours1h}\`): roughly the number of GPUs that reported metrics.`,
        unit: UNIT.gpuHours,
        targets: [prometheusQuery(perModel(METRIC.gpuHours1h), "{{gpu_model}}")],
      }),
      table({
        title: "GPU hourly prices",
        description: `Price of one GPU-hour per model as the cost exporter publishes it from pricing/gpu.yaml (\`${METRIC.gpuPrice}\`).`,
        unit: UNIT.usd,
        targets: [
          prometheusQuery(`max by (gpu_model, gpu_type) (${series(METRIC.gpuPrice, variableMatcher("gpu_model"))})`, "{{gpu_model}}", { instant: true, table: true }),
        ],
        hiddenColumns: ["Time"],
        width: 8,
        height: 8,
      }),
    ],
  };
}
