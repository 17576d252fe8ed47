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
        description: `GPUs that pods hold now, out of all GPUs that report metrics; a shared GPU or a GPU cut into MIG instances counts by its held share (\`${METRIC.gpuShare}\`).`,
        unit: UNIT.count,
        decimals: 1,
        targets: [
          prometheusQuery(`sum(${METRIC.gpuShare}{namespace!="unallocated"}) or vector(0)`, "held"),
          prometheusQuery(`sum(${METRIC.gpuShare}) or vector(0)`, "all"),
        ],
        thresholds: noLimit(),
        width: 4,
        height: 8,
      }),
    ],
  };
}
