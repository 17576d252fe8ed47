import type { PackContext } from "../../../src/model/stack-model.js";
import { METRIC } from "../../../rules/core/catalog.js";
import { formatNumber } from "../../../src/promql/expressions.js";
import { GPU_INSTANCE } from "../../../rules/core/selectors.js";
import { lowerLimit, prometheusQuery, series, table, timeseries, UNIT, upperLimit, variableMatcher, type DashboardRow } from "../../common.js";
import { SELECTED_GPUS, selectedDcgm } from "./selection.js";

/** Who holds which GPU: held versus idle, held but underused, and zombie candidates. */
export function allocationRow({ environment, stack }: PackContext): DashboardRow {
  const { gpu } = environment.settings;
  const dcgm = selectedDcgm(stack);
  const held = series(METRIC.gpuUtil, ...SELECTED_GPUS, 'pod!=""');
  // Shares add up to physical GPUs: a GPU shared by three pods or cut into seven MIG instances counts once.
  const shareHeld = series(METRIC.gpuShare, ...SELECTED_GPUS, 'namespace!="unallocated"');
  const shareUnheld = series(METRIC.gpuShare, ...SELECTED_GPUS, 'namespace="unallocated"');
  const allocatable = series(METRIC.kubeNodeAllocatable, 'resource="nvidia_com_gpu"', variableMatcher("node"));
  const memoryUnheld = `max by (${GPU_INSTANCE}) (${series(METRIC.dcgmFbUsed, ...dcgm, 'pod=""')})`;
  const busyUnheld = `max by (${GPU_INSTANCE}) (${series(METRIC.gpuUtil, ...SELECTED_GPUS, 'pod=""')})`;
  return {
    title: "Allocation",
    panels: [
      timeseries({
        title: "GPUs held versus idle",
        description: `GPUs that pods hold, GPUs that no pod holds, and the GPUs Kubernetes can schedule on the selected nodes (all models). Shared GPUs and MIG instances count by their share of a GPU (\`${METRIC.gpuShare}\`).`,
        unit: UNIT.count,
        targets: [
          prometheusQuery(`sum(${shareHeld}) or vector(0)`, "held by a pod"),
          prometheusQuery(`sum(${shareUnheld}) or vector(0)`, "idle"),
          prometheusQuery(`sum(${allocatable})`, "allocatable (Kubernetes)"),
        ],
        min: 0,
        width: 8,
        height: 8,
      }),
      table({
        title: "Held but underused",
        description: `GPUs held by a pod whose average utilisation over the time range is below the GPUUtilizationLow threshold (${gpu.lowUtilizationPercent} %): candidates to give back or share.`,
        unit: UNIT.percent,
        targets: [
          prometheusQuery(
            `max by (${GPU_INSTANCE}, namespace, pod) (avg_over_time(${held}[$__range])) < ${formatNumber(gpu.lowUtilizationPercent)}`,
            "{{namespace}}/{{pod}}",
            { instant: true, table: true },
          ),
        ],
        thresholds: lowerLimit(gpu.lowUtilizationPercent, "orange"),
        hiddenColumns: ["Time"],
        width: 8,
        height: 8,
      }),
      table({
        title: "Zombie candidates",
        description: `GPUs that no pod holds but whose memory is in use above ${gpu.zombieMemoryMiB} MiB, or that are busy: a process outlived its pod (ZombieGPUProcess fires after 10 minutes). Value: framebuffer in use.`,
        unit: UNIT.mebibytes,
        targets: [
          prometheusQuery(
            `${memoryUnheld} > ${formatNumber(gpu.zombieMemoryMiB)} or (${memoryUnheld} and ${busyUnheld} > 0)`,
            "{{node}} GPU {{gpu}}",
            { instant: true, table: true },
          ),
        ],
        thresholds: upperLimit(gpu.zombieMemoryMiB),
        hiddenColumns: ["Time"],
        width: 8,
        height: 8,
      }),
    ],
  };
}
