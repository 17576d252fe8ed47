import { METRIC } from "../../../rules/core/catalog.js";
import { dcgmSeries } from "../../../rules/core/selectors.js";
import { KUBE_METRIC as M } from "../../../rules/kubernetes/catalog.js";
import { GPU_RESOURCES } from "../../../rules/kubernetes/selectors.js";
import type { StackPlan } from "../../../src/model/stack-model.js";
import { prometheusQuery, timeseries, UNIT, type DashboardRow } from "../../common.js";
import { ofSelectedPods, SELECTED_WORKLOADS } from "./selection.js";

/** GPUs the selected workloads request, and how busy the GPUs their pods hold are. */
export function gpuRow(stack: StackPlan): DashboardRow {
  const held = `max by (namespace, pod, gpu, UUID) (${dcgmSeries(stack, METRIC.dcgmGpuUtil, 'pod!=""')})`;
  return {
    title: "GPUs",
    panels: [
      timeseries({
        title: "GPUs requested",
        description: "GPUs (and MIG instances, by resource) that the active (Pending, Running or Unknown) pods of each workload request.",
        unit: UNIT.count,
        targets: [prometheusQuery(`${M.workloadRequests}{${SELECTED_WORKLOADS.join(", ")}, ${GPU_RESOURCES}}`, "{{workload}} {{resource}}")],
        min: 0,
        width: 12,
        height: 8,
      }),
      timeseries({
        title: "GPU utilisation of held GPUs",
        description: "Utilisation of each GPU a selected pod holds, as dcgm-exporter reports it. Low values on requested GPUs are reserved capacity doing little (GPUUtilizationLow).",
        unit: UNIT.percent,
        targets: [prometheusQuery(`avg by (workload, pod) (${ofSelectedPods(held)})`, "{{pod}}")],
        min: 0,
        max: 100,
        width: 12,
        height: 8,
      }),
    ],
  };
}
