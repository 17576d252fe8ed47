import { KUBE_METRIC as M } from "../../../rules/kubernetes/catalog.js";
import type { KubeJobs } from "../../../rules/kubernetes/selectors.js";
import { prometheusQuery, rateOf, timeseries, UNIT, type DashboardRow } from "../../common.js";
import { ofSelectedPods } from "./selection.js";

/** Container restarts and pod network traffic of the selected pods. */
export function restartsNetworkRow(jobs: KubeJobs, restartsPerHour: number): DashboardRow {
  const traffic = (metric: string) => `sum by (namespace, pod) (${rateOf(`${metric}{${jobs.cadvisor}}`)})`;
  return {
    title: "Restarts and network",
    panels: [
      timeseries({
        title: "Container restarts",
        description: `Restarts of each container of the selected pods per interval, as bars. PodRestartingFrequently fires above ${restartsPerHour} in an hour.`,
        unit: UNIT.count,
        targets: [prometheusQuery(`${ofSelectedPods(`max by (namespace, pod, container) (increase(${M.podRestarts}{${jobs.ksm}}[$__rate_interval]))`)} > 0`, "{{pod}} {{container}}")],
        stackedBars: true,
        min: 0,
        width: 8,
        height: 8,
      }),
      timeseries({
        title: "Network received",
        description: "Bytes per second each selected pod receives, all interfaces of its network namespace.",
        unit: UNIT.bytesPerSecond,
        targets: [prometheusQuery(ofSelectedPods(traffic(M.networkReceive)), "{{pod}}")],
        min: 0,
        width: 8,
        height: 8,
      }),
      timeseries({
        title: "Network sent",
        description: "Bytes per second each selected pod sends.",
        unit: UNIT.bytesPerSecond,
        targets: [prometheusQuery(ofSelectedPods(traffic(M.networkTransmit)), "{{pod}}")],
        min: 0,
        width: 8,
        height: 8,
      }),
    ],
  };
}
