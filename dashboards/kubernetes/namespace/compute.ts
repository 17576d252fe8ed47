import { KUBE_METRIC as M } from "../../../rules/kubernetes/catalog.js";
import { prometheusQuery, timeseries, UNIT, upperLimit, type DashboardRow, type Unit } from "../../common.js";
import { ofSelectedPods, SELECTED_WORKLOADS } from "./selection.js";

/** CPU and memory of the selected workloads: usage against requests, and CPU throttling. */
export function computeRow(throttlingPercent: number): DashboardRow {
  const selected = SELECTED_WORKLOADS.join(", ");
  const usageAndRequests = (title: string, usage: string, resource: string, unit: Unit) =>
    timeseries({
      title,
      description: `${title} per workload (solid) and what its active (Pending, Running or Unknown) pods request (\`requested\`). Usage above requests is borrowed from the node and the first to go under pressure.`,
      unit,
      targets: [
        prometheusQuery(`${usage}{${selected}}`, "{{workload}}"),
        prometheusQuery(`${M.workloadRequests}{${selected}, resource="${resource}"}`, "{{workload}} requested"),
      ],
      min: 0,
      width: 8,
      height: 8,
    });
  return {
    title: "CPU and memory",
    panels: [
      usageAndRequests("CPU used (cores)", M.workloadCpu, "cpu", UNIT.count),
      usageAndRequests("Memory working set", M.workloadMemory, "memory", UNIT.bytes),
      timeseries({
        title: "CPU throttling",
        description: `Share of CFS periods in which a container was throttled by its CPU limit, per container of the selected pods (only containers with a CPU limit have one). CPUThrottlingHigh fires above ${throttlingPercent} % for 15 minutes.`,
        unit: UNIT.percent,
        targets: [prometheusQuery(`100 * ${ofSelectedPods(M.throttledRatio)}`, "{{pod}} {{container}}")],
        thresholds: upperLimit(throttlingPercent),
        min: 0,
        width: 8,
        height: 8,
      }),
    ],
  };
}
