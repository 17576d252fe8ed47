import type { Environment } from "../../../src/config/environment-schema.js";
import { METRIC } from "../../../rules/core/catalog.js";
import { prometheusQuery, series, timeseries, UNIT, upperLimit, type DashboardRow } from "../../common.js";
import { gpuMemoryPanel, gpuUtilisationPanel, PER_GPU_LEGEND } from "../gpu-panels.js";
import { SELECTED_GPUS } from "./selection.js";

/** How busy and how full each GPU is. */
export function utilisationRow(environment: Environment): DashboardRow {
  const { gpu } = environment.settings;
  const used = series(METRIC.dcgmFbUsed, ...SELECTED_GPUS);
  const free = series(METRIC.dcgmFbFree, ...SELECTED_GPUS);
  return {
    title: "Utilisation",
    panels: [
      gpuUtilisationPanel(environment, SELECTED_GPUS),
      gpuMemoryPanel(SELECTED_GPUS),
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
