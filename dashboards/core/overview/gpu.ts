import type { Environment } from "../../../src/config/environment-schema.js";
import { METRIC } from "../../../rules/core/catalog.js";
import { lowerLimit, noLimit, prometheusQuery, stat, timeseries, UNIT, type DashboardRow } from "../../common.js";

/** The GPU fleet at a glance: utilisation and memory per GPU, fleet average and allocation. */
export function gpuRow(environment: Environment): DashboardRow {
  const { gpu } = environment.settings;
  return {
    title: "GPU fleet",
    panels: [
      timeseries({
        title: "GPU utilisation",
        description: `Utilisation per GPU (\`${METRIC.gpuUtil}\`). The dashed line is the GPUUtilizationLow threshold: a GPU held by a pod that stays below it is wasted.`,
        unit: UNIT.percent,
        targets: [prometheusQuery(METRIC.gpuUtil, "{{node}} GPU {{gpu}} {{namespace}}")],
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
        targets: [prometheusQuery(METRIC.vramUsedGb, "{{node}} GPU {{gpu}} {{namespace}}")],
        min: 0,
        width: 8,
        height: 8,
      }),
      stat({
        title: "Fleet GPU utilisation",
        description: "Average utilisation over all GPUs, held by a pod or not. Orange below the GPUUtilizationLow threshold.",
        unit: UNIT.percent,
        targets: [prometheusQuery(`avg(${METRIC.gpuUtil})`, "average")],
        thresholds: lowerLimit(gpu.lowUtilizationPercent, "orange"),
        min: 0,
        max: 100,
        width: 4,
        height: 8,
      }),
      stat({
        title: "GPUs held by pods",
        description: "GPUs that a pod holds now, out of all GPUs that report metrics.",
        unit: UNIT.count,
        targets: [
          prometheusQuery(`count(${METRIC.gpuUtil}{pod!=""}) or vector(0)`, "held"),
          prometheusQuery(`count(${METRIC.gpuUtil}) or vector(0)`, "all"),
        ],
        thresholds: noLimit(),
        width: 4,
        height: 8,
      }),
    ],
  };
}
