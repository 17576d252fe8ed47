import { compareCodePoints } from "../config/code-point-order.js";
import type { MetricEntry } from "./types.js";

/**
 * Resources the scheduler may place on each node (kubernetes/kube-state-metrics v2.16.0
 * internal/store/node.go), read by the core and kubernetes packs and by dcgm-exporter's GPUMetricsAbsent.
 */
export const KUBE_NODE_ALLOCATABLE = "kube_node_status_allocatable";

/**
 * kube-state-metrics v2 collectors (its `--resources` names): the API group the ClusterRole must
 * grant for each, and the prefix of the series it exports. Only collectors that a catalogued series
 * needs are enabled, so the stack reads (and may list) exactly the objects its rules and dashboards use.
 */
const COLLECTORS: ReadonlyArray<{ readonly resource: string; readonly apiGroup: string; readonly prefix: string }> = [
  { resource: "pods", apiGroup: "", prefix: "kube_pod_" },
  { resource: "nodes", apiGroup: "", prefix: "kube_node_" },
  { resource: "namespaces", apiGroup: "", prefix: "kube_namespace_" },
  { resource: "services", apiGroup: "", prefix: "kube_service_" },
  // `kube_persistentvolume_` does not match `kube_persistentvolumeclaim_…`: the underscore ends the kind.
  { resource: "persistentvolumeclaims", apiGroup: "", prefix: "kube_persistentvolumeclaim_" },
  { resource: "persistentvolumes", apiGroup: "", prefix: "kube_persistentvolume_" },
  // `kube_resourcequota` itself carries the values, hence no trailing underscore.
  { resource: "resourcequotas", apiGroup: "", prefix: "kube_resourcequota" },
  { resource: "deployments", apiGroup: "apps", prefix: "kube_deployment_" },
  { resource: "replicasets", apiGroup: "apps", prefix: "kube_replicaset_" },
  { resource: "statefulsets", apiGroup: "apps", prefix: "kube_statefulset_" },
  { resource: "daemonsets", apiGroup: "apps", prefix: "kube_daemonset_" },
  { resource: "horizontalpodautoscalers", apiGroup: "autoscaling", prefix: "kube_horizontalpodautoscaler_" },
  { resource: "jobs", apiGroup: "batch", prefix: "kube_job_" },
  { resource: "cronjobs", apiGroup: "batch", prefix: "kube_cronjob_" },
  { resource: "poddisruptionbudgets", apiGroup: "policy", prefix: "kube_poddisruptionbudget_" },
];

/**
 * The collectors that the kube-state-metrics series of a catalog need, by API group (groups and
 * resources sorted). A series no collector exports is a catalog mistake and throws, naming it.
 */
export function kubeStateMetricsCollectors(metrics: readonly MetricEntry[]): Record<string, string[]> {
  const byGroup: Record<string, Set<string>> = {};
  for (const metric of metrics.filter((m) => m.producer === "kubeStateMetrics")) {
    const collector = COLLECTORS.find((c) => metric.name.startsWith(c.prefix));
    if (!collector) throw new Error(`no kube-state-metrics collector exports ${metric.name}`);
    (byGroup[collector.apiGroup] ??= new Set()).add(collector.resource);
  }
  return Object.fromEntries(
    Object.keys(byGroup)
      .sort(compareCodePoints)
      .map((group) => [group, [...byGroup[group]!].sort(compareCodePoints)]),
  );
}
