import type { Environment } from "../../../src/config/environment-schema.js";
import { METRIC } from "../../../rules/core/catalog.js";
import { lowerLimit, noLimit, prometheusQuery, stat, UNIT, type DashboardRow } from "../../common.js";
import { gpuMemoryPanel, gpuUtilisationPanel } from "../gpu-panels.js";

/** The GPU fleet at a glance: utilisation and memory per GPU, fleet average and allocation. */
export function gpuRow(environment: Environment): DashboardRow {
  const { gpu } = environment.settings;
  return {
    title: "GPU fleet",
    panels: [
      gpuUtilisationPanel(environment, []),
      gpuMemoryPanel([]),
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
