import type { RuleGroup } from "../../src/model/artifacts.js";
import type { PackContext } from "../../src/model/stack-model.js";
import { formatNumber } from "../../src/promql/expressions.js";
import { alert } from "../../src/promql/rule-builders.js";
import { KUBE_METRIC as M } from "./catalog.js";
import { GPU_RESOURCES, kubeJobs, schedulableAllocatable, unscheduledGpuPods } from "./selectors.js";

const CLUSTER_DASHBOARD = "nfops-kubernetes-cluster";
const NAMESPACE_DASHBOARD = "nfops-kubernetes-namespace";

/** CPU throttling, requests against what the schedulable nodes offer, quotas, and GPUs wanted but not available. */
export function resourceAlerts({ environment, stack }: PackContext): RuleGroup {
  const { settings } = environment;
  const k = settings.kubernetes;
  const jobs = kubeJobs(stack);
  // What survives the loss of the `spareNodes` largest schedulable nodes.
  const survivable = (resource: string) => {
    const allocatable = schedulableAllocatable(jobs, `resource="${resource}"`);
    return k.spareNodes === 0 ? `sum(${allocatable})` : `(sum(${allocatable}) - sum(topk(${k.spareNodes}, ${allocatable})))`;
  };
  const spare = k.spareNodes === 0 ? "everything allocatable" : `what is allocatable after losing the ${k.spareNodes} largest schedulable node(s)`;
  const overcommit = (name: string, resource: string, what: string, format: string) =>
    alert(settings, {
      name,
      expr: `sum(${M.namespaceRequests}{resource="${resource}"}) > ${survivable(resource)}`,
      for: "10m",
      severity: "warning",
      category: "platform",
      dashboard: CLUSTER_DASHBOARD,
      summary: `${what} requests exceed what the cluster can hold if it loses nodes.`,
      description: `Pending and running pods request ${format} of ${what}, more than ${spare} (spareNodes: ${k.spareNodes}).`,
    });
  const rules = [
    alert(settings, {
      name: "CPUThrottlingHigh",
      expr: `100 * ${M.throttledRatio} > ${formatNumber(k.cpuThrottlingPercent)}`,
      for: "15m",
      severity: "info",
      category: "platform",
      dashboard: NAMESPACE_DASHBOARD,
      summary: "A container is often throttled by its CPU limit.",
      description: `{{ $labels.namespace }}/{{ $labels.pod }} container {{ $labels.container }} was throttled in {{ $value | printf "%.0f" }} % of its CPU periods (threshold ${formatNumber(k.cpuThrottlingPercent)} %).`,
    }),
    overcommit("KubeCPUOvercommit", "cpu", "CPU", '{{ $value | printf "%.1f" }} cores'),
    overcommit("KubeMemoryOvercommit", "memory", "Memory", "{{ $value | humanize1024 }}B"),
    alert(settings, {
      name: "KubeQuotaAlmostFull",
      expr: `100 * ${M.resourceQuota}{${jobs.ksm}, type="used"}\n/ ignoring (type)\n(${M.resourceQuota}{${jobs.ksm}, type="hard"} > 0)\n>= ${formatNumber(k.quotaPercent)}`,
      for: "15m",
      severity: "info",
      category: "platform",
      dashboard: NAMESPACE_DASHBOARD,
      summary: "A namespace has used most of a ResourceQuota.",
      description: `Namespace {{ $labels.namespace }} uses {{ $value | printf "%.0f" }} % of {{ $labels.resource }} in quota {{ $labels.resourcequota }} (threshold ${formatNumber(k.quotaPercent)} %); new pods beyond it are rejected.`,
    }),
    alert(settings, {
      name: "KubeGPUOvercommit",
      // Per GPU resource: whole GPUs and each MIG profile are separate resources to the scheduler.
      expr: `sum by (resource) (${M.namespaceRequests}{${GPU_RESOURCES}})\n>\n(sum by (resource) (${schedulableAllocatable(jobs, GPU_RESOURCES)}) or 0 * sum by (resource) (${M.namespaceRequests}{${GPU_RESOURCES}}))`,
      for: "15m",
      severity: "warning",
      category: "gpu",
      dashboard: CLUSTER_DASHBOARD,
      summary: "Pods request more GPUs than the schedulable nodes have.",
      description: "Pending and running pods request {{ $value }} {{ $labels.resource }}, more than the schedulable nodes can allocate: some of them wait for GPUs.",
    }),
    alert(settings, {
      name: "GPUPodPendingTooLong",
      // `for`, not the pod's age: the creation time of every pod would be read each evaluation to find a few.
      expr: unscheduledGpuPods(jobs),
      for: `${k.gpuPodPendingMinutes}m`,
      severity: "warning",
      category: "gpu",
      dashboard: CLUSTER_DASHBOARD,
      summary: "A pod requesting GPUs has been waiting for a node for a long time.",
      description: `Pod {{ $labels.namespace }}/{{ $labels.pod }} requests {{ $value }} GPUs and has not been scheduled for ${k.gpuPodPendingMinutes} minutes.`,
    }),
  ];
  return { name: "nfops-kubernetes-resources", rules };
}
