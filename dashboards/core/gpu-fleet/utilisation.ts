import type { PackContext } from "../../../src/model/stack-model.js";
import { METRIC } from "../../../rules/core/catalog.js";
import { prometheusQuery, series, timeseries, UNIT, upperLimit, type DashboardRow } from "../../common.js";
import { gpuMemoryPanel, gpuUtilisationPanel, PER_GPU_LEGEND } from "../gpu-panels.js";
import { SELECTED_GPUS, selectedDcgm } from "./selection.js";

/** How busy and how full each GPU is. */
export function utilisationRow({ environment, stack }: PackContext): DashboardRow {
  const { gpu } = environment.settings;
  const dcgm = selectedDcgm(stack);
  const used = series(METRIC.dcgmFbUsed, ...dcgm);
  const free = series(METRIC.dcgmFbFree, ...dcgm);
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
