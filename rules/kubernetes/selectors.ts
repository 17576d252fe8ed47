import { GPU_RESOURCES } from "../../src/catalog/gpu-resources.js";
import { CLUSTER_JOB } from "../../src/model/scrape-config.js";
import type { StackPlan } from "../../src/model/stack-model.js";
import { KUBE_METRIC as M } from "./catalog.js";

/**
 * Jobs and fragments of the kubernetes pack, in one place: the standalone scrape configuration's
 * job names (kube-state-metrics' Service, and the kubelet and cAdvisor jobs on every node's
 * kubelet port, which add `node`), substituted into PromQL by the rule and dashboard modules.
 */
export interface KubeJobs {
  /** `job="kube-state-metrics"`: series name the objects they describe in `namespace`, `pod`, `node`, … */
  readonly ksm: string;
  /** `job="kubelet"`: volume stats and running pods, with `node`. */
  readonly kubelet: string;
  /** `job="cadvisor"`: container CPU, memory, throttling and network, with `node`. */
  readonly cadvisor: string;
}

export function kubeJobs(stack: StackPlan): KubeJobs {
  return {
    ksm: `job="${stack.job("kubeStateMetrics")}"`,
    kubelet: `job="${CLUSTER_JOB.kubelet}"`,
    cadvisor: `job="${CLUSTER_JOB.cadvisor}"`,
  };
}

/** cAdvisor's per-container series: not the pod-level cgroup (`container=""`) nor the pause container. */
export const REAL_CONTAINERS = 'container!~"|POD"';

/** Every NVIDIA GPU resource as kube-state-metrics spells it (whole, shared, MIG): one matcher, in the catalog. */
export { GPU_RESOURCES };

/**
 * Pods waiting for the scheduler to place them on GPUs: GPU requests without a node (kube-state-metrics
 * labels requests with the pod's `spec.nodeName`). A few series, where the pod phases are every pod's.
 */
export function unscheduledGpuPods(jobs: KubeJobs): string {
  return `(sum by (namespace, pod) (${M.podRequests}{${jobs.ksm}, ${GPU_RESOURCES}, node=""}) > 0)`;
}

/**
 * Finished pods: Succeeded or Failed. kube-state-metrics keeps them until they are deleted, holding
 * nothing; every other pod (Pending, Running, or Unknown: bound to a node that stopped reporting)
 * holds or waits for resources. Two phases of five: fewer series to read than the three others.
 */
export function finishedPods(jobs: KubeJobs): string {
  return `max by (namespace, pod) (${M.podPhase}{${jobs.ksm}, phase=~"Succeeded|Failed"} == 1)`;
}

/** Allocatable `resource` of the nodes the scheduler may still use (cordoned nodes left out). */
export function schedulableAllocatable(jobs: KubeJobs, resource: string): string {
  return `${M.nodeAllocatable}{${jobs.ksm}, ${resource}} unless on (node) (${M.nodeUnschedulable}{${jobs.ksm}} == 1)`;
}
