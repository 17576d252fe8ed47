import { KUBE_METRIC as M } from "../../../rules/kubernetes/catalog.js";
import { GPU_RESOURCES, schedulableAllocatable, type KubeJobs } from "../../../rules/kubernetes/selectors.js";
import { METRIC } from "../../../rules/core/catalog.js";
import { dcgmSeries } from "../../../rules/core/selectors.js";
import type { StackPlan } from "../../../src/model/stack-model.js";
import { prometheusQuery, timeseries, UNIT, type DashboardRow, type Unit } from "../../common.js";

/** What the schedulable nodes offer, what pods request, and what they use: CPU, memory and GPUs. */
export function capacityRow(jobs: KubeJobs, stack: StackPlan): DashboardRow {
  const panel = (title: string, resource: string, unit: Unit, usage: string, usageLegend: string) =>
    timeseries({
      title,
      description: `Allocatable on schedulable (not cordoned) nodes, requested by active (Pending, Running or Unknown) pods, and ${usageLegend}. Requests above allocatable leave pods pending; usage far below requests is capacity reserved for nothing.`,
      unit,
      targets: [
        prometheusQuery(`sum(${schedulableAllocatable(jobs, resource)})`, "allocatable"),
        prometheusQuery(`sum(${M.namespaceRequests}{${resource}})`, "requested"),
        prometheusQuery(usage, usageLegend),
      ],
      min: 0,
      width: 8,
      height: 8,
    });
  return {
    title: "Capacity, requests and usage",
    panels: [
      panel("CPU", 'resource="cpu"', UNIT.count, `sum(${M.namespaceCpu})`, "used (cores)"),
      panel("Memory", 'resource="memory"', UNIT.bytes, `sum(${M.namespaceMemory})`, "used (working set)"),
      // A GPU is in use while a pod holds it: dcgm-exporter names the holder.
      panel("GPUs", GPU_RESOURCES, UNIT.count, `count(${dcgmSeries(stack, METRIC.dcgmGpuUtil, 'pod!=""')})`, "held by a pod (dcgm-exporter)"),
    ],
  };
}
