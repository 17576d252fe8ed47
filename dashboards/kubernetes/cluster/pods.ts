import { KUBE_METRIC as M } from "../../../rules/kubernetes/catalog.js";
import { GPU_RESOURCES, type KubeJobs } from "../../../rules/kubernetes/selectors.js";
import { prometheusQuery, timeseries, UNIT, type DashboardRow } from "../../common.js";

/** Pods by phase, the GPU queue, and the containers that restart most. */
export function podsRow(jobs: KubeJobs): DashboardRow {
  const gpuPods = `sum by (namespace, pod) (${M.podRequests}{${jobs.ksm}, ${GPU_RESOURCES}}) > 0`;
  return {
    title: "Pods",
    panels: [
      timeseries({
        title: "Pods by phase",
        description: "Pods in each phase. A growing Pending count is work the cluster cannot place; Failed pods stay until deleted.",
        unit: UNIT.count,
        targets: [prometheusQuery(`sum by (phase) (${M.podPhase}{${jobs.ksm}})`, "{{phase}}")],
        stackedBars: true,
        min: 0,
        width: 8,
        height: 8,
      }),
      timeseries({
        title: "Pods waiting for GPUs",
        description: "Pending pods that request GPUs: the queue of a training cluster (GPUPodPendingTooLong fires for each after its threshold).",
        unit: UNIT.count,
        targets: [
          prometheusQuery(`count((max by (namespace, pod) (${M.podPhase}{${jobs.ksm}, phase="Pending"}) == 1) and on (namespace, pod) (${gpuPods})) or vector(0)`, "pending with GPU requests"),
        ],
        min: 0,
        width: 8,
        height: 8,
      }),
      timeseries({
        title: "Most restarted containers",
        description: "The ten containers with the most restarts per interval, as bars (PodRestartingFrequently and KubePodCrashLooping look at these).",
        unit: UNIT.count,
        targets: [prometheusQuery(`topk(10, max by (namespace, pod, container) (increase(${M.podRestarts}{${jobs.ksm}}[$__rate_interval])) > 0)`, "{{namespace}}/{{pod}} {{container}}")],
        stackedBars: true,
        min: 0,
        width: 8,
        height: 8,
      }),
    ],
  };
}
