import type { Environment } from "../../../src/config/environment-schema.js";
import { METRIC } from "../../../rules/core/catalog.js";
import { lowerLimit, prometheusQuery, series, timeseries, UNIT, upperLimit, type DashboardRow } from "../../common.js";
import { PER_GPU_LEGEND, SELECTED_GPUS } from "./selection.js";

/** How busy and how full each GPU is. */
export function utilisationRow(environment: Environment): DashboardRow {
  const { gpu } = environment.settings;
  const used = series(METRIC.dcgmFbUsed, ...SELECTED_GPUS);
  const free = series(METRIC.dcgmFbFree, ...SELECTED_GPUS);
  return {
    title: "Utilisation",
    panels: [
      timeseries({
        title: "GPU utilisation",
        description: `Utilisation per GPU (\`${METRIC.gpuUtil}\`). The dashed line is the GPUUtilizationLow threshold for GPUs held by a pod.`,
        unit: UNIT.percent,
        targets: [prometheusQuery(series(METRIC.gpuUtil, ...SELECTED_GPUS), PER_GPU_LEGEND)],
        thresholds: lowerLimit(gpu.lowUtilizationPercent, "orange"),
        min: 0,
        max: 100,
        width: 8,
        height: 8,
      }),
      timeseries({
        title: "GPU memory in use",
        description: `Framebuffer memory in use per GPU, in GB (\`${METRIC.vramUsedGb}\`).`,
        unit: UNIT.gigabytes,
        targets: [prometheusQuery(series(METRIC.vramUsedGb, ...SELECTED_GPUS), PER_GPU_LEGEND)],
        min: 0,
        width: 8,
        height: 8,
      }),
      timeseries({
        title: "GPU memory in use (% of total)",
        description: "Framebuffer in use as a share of each GPU's framebuffer (used + free). The dashed line is the GPUMemoryNearlyFull threshold.",
        unit: UNIT.percent,
        targets: [prometheusQuery(`100 * ${used} / (${used} + ${free})`, PER_GPU_LEGEND)],
        thresholds: upperLimit(gpu.memoryNearlyFullPercent),
        min: 0,
        max: 100,
        width: 8,
        height: 8,
      }),
    ],
  };
}
