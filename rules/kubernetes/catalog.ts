import { KUBE_NODE_ALLOCATABLE } from "../../src/catalog/kube-state-metrics-resources.js";
import { kubeStateMetricsInput } from "../../src/catalog/input-contracts.js";
import type { MetricEntry } from "../../src/catalog/types.js";

/**
 * Metric names of the kubernetes pack: kube-state-metrics v2 (objects' desired and observed state),
 * the kubelet (volumes, running pods) and cAdvisor (container CPU, memory, throttling, network).
 * Rules and dashboards use these constants, never literals. The GPU panels of the dashboards read
 * dcgm-exporter's utilisation, catalogued (once, since the catalog also lists dcgm-exporter's fields)
 * by the core pack.
 */
export const KUBE_METRIC = {
  // kube-state-metrics: pods and containers
  podRestarts: "kube_pod_container_status_restarts_total",
  podWaitingReason: "kube_pod_container_status_waiting_reason",
  podLastTerminatedReason: "kube_pod_container_status_last_terminated_reason",
  podPhase: "kube_pod_status_phase",
  podReady: "kube_pod_status_ready",
  podOwner: "kube_pod_owner",
  podRequests: "kube_pod_container_resource_requests",
  replicaSetOwner: "kube_replicaset_owner",
  // kube-state-metrics: workloads
  deploymentSpecReplicas: "kube_deployment_spec_replicas",
  deploymentAvailable: "kube_deployment_status_replicas_available",
  deploymentCondition: "kube_deployment_status_condition",
  statefulSetReplicas: "kube_statefulset_replicas",
  statefulSetReady: "kube_statefulset_status_replicas_ready",
  daemonSetDesired: "kube_daemonset_status_desired_number_scheduled",
  daemonSetUpdated: "kube_daemonset_status_updated_number_scheduled",
  daemonSetAvailable: "kube_daemonset_status_number_available",
  daemonSetMisscheduled: "kube_daemonset_status_number_misscheduled",
  jobFailed: "kube_job_failed",
  jobActive: "kube_job_status_active",
  jobStartTime: "kube_job_status_start_time",
  hpaMaxReplicas: "kube_horizontalpodautoscaler_spec_max_replicas",
  hpaMinReplicas: "kube_horizontalpodautoscaler_spec_min_replicas",
  hpaDesiredReplicas: "kube_horizontalpodautoscaler_status_desired_replicas",
  resourceQuota: "kube_resourcequota",
  // kube-state-metrics: nodes and storage
  nodeCondition: "kube_node_status_condition",
  nodeUnschedulable: "kube_node_spec_unschedulable",
  nodeAllocatable: KUBE_NODE_ALLOCATABLE,
  nodeCapacity: "kube_node_status_capacity",
  pvPhase: "kube_persistentvolume_status_phase",
  pvcPhase: "kube_persistentvolumeclaim_status_phase",
  // kubelet
  volumeAvailable: "kubelet_volume_stats_available_bytes",
  volumeCapacity: "kubelet_volume_stats_capacity_bytes",
  kubeletRunningPods: "kubelet_running_pods",
  // cAdvisor
  cpuUsage: "container_cpu_usage_seconds_total",
  memoryWorkingSet: "container_memory_working_set_bytes",
  cfsPeriods: "container_cpu_cfs_periods_total",
  cfsThrottledPeriods: "container_cpu_cfs_throttled_periods_total",
  networkReceive: "container_network_receive_bytes_total",
  networkTransmit: "container_network_transmit_bytes_total",
  // Prometheus
  up: "up",
  alerts: "ALERTS",
  // recording rules (level:metric:operations)
  podWorkload: "namespace_workload_pod:kube_pod_owner:relabel",
  unreadyPods: "namespace_workload_pod:kube_pod_status_ready:unready",
  namespaceRequests: "namespace:kube_pod_container_resource_requests:sum",
  workloadRequests: "namespace_workload:kube_pod_container_resource_requests:sum",
  namespaceCpu: "namespace:container_cpu_usage_seconds:rate5m",
  workloadCpu: "namespace_workload:container_cpu_usage_seconds:rate5m",
  namespaceMemory: "namespace:container_memory_working_set_bytes:sum",
  workloadMemory: "namespace_workload:container_memory_working_set_bytes:sum",
  throttledRatio: "namespace_pod_container:container_cpu_cfs_throttled:ratio_rate5m",
  containerRestarts: "namespace_pod_container:kube_pod_container_status_restarts:delta",
} as const;

const POD = ["namespace", "pod", "uid"];
const CONTAINER = [...POD, "container"];
const CADVISOR = ["namespace", "pod", "container", "node"];
const WORKLOAD = ["namespace", "workload", "workload_type"];

type Entry = Omit<MetricEntry, "producer">;
const ksm = (entry: Entry): MetricEntry => ({ ...entry, producer: "kubeStateMetrics", input: kubeStateMetricsInput(entry.name) });
// Volume statistics exist only for mounted PersistentVolumes: a cluster without any has none.
const kubelet = (entry: Entry): MetricEntry => ({
  ...entry,
  producer: "kubelet",
  input: { producer: "kubelet", registration: entry.name.startsWith("kubelet_volume_stats_") ? "lazy" : "eager", enabledBy: "the kubelet's /metrics (always on)" },
});
const cadvisor = (entry: Entry): MetricEntry => ({
  ...entry,
  producer: "cadvisor",
  // CFS series exist only for containers with a CPU limit.
  input: { producer: "cadvisor", registration: entry.name.startsWith("container_cpu_cfs_") ? "lazy" : "eager", enabledBy: "the kubelet's /metrics/cadvisor (always on)" },
});
const recorded = (entry: Entry): MetricEntry => ({ ...entry, producer: "recording rule" });
const M = KUBE_METRIC;

export const kubernetesMetrics: readonly MetricEntry[] = [
  ksm({ name: M.podRestarts, type: "counter", unit: "restarts", labels: CONTAINER, description: "Restarts of a container since its pod was created." }),
  ksm({ name: M.podWaitingReason, type: "gauge", unit: "boolean", labels: [...CONTAINER, "reason"], description: "1 while the container waits for the `reason` (CrashLoopBackOff, ImagePullBackOff, …)." }),
  ksm({ name: M.podLastTerminatedReason, type: "gauge", unit: "boolean", labels: [...CONTAINER, "reason"], description: "1 for the reason of the container's last termination (OOMKilled, Error, Completed, …)." }),
  ksm({ name: M.podPhase, type: "gauge", unit: "boolean", labels: [...POD, "phase"], description: "1 for the pod's current phase." }),
  ksm({ name: M.podReady, type: "gauge", unit: "boolean", labels: [...POD, "condition"], description: "1 for the value (`true`, `false`, `unknown`) of the pod's Ready condition." }),
  ksm({ name: M.podOwner, type: "gauge", unit: "info", labels: [...POD, "owner_kind", "owner_name", "owner_is_controller"], description: "The pod's owner (ReplicaSet, StatefulSet, DaemonSet, Job, an operator's resource, a Node); a pod without one has a series with the three owner labels empty." }),
  ksm({ name: M.podRequests, type: "gauge", unit: "resource units", labels: [...CONTAINER, "node", "resource", "unit"], description: "Resources a container requests (`cpu` in cores, `memory` in bytes, `nvidia_com_gpu`)." }),
  ksm({ name: M.replicaSetOwner, type: "gauge", unit: "info", labels: ["namespace", "replicaset", "owner_kind", "owner_name", "owner_is_controller"], description: "The ReplicaSet's owner (its Deployment)." }),
  ksm({ name: M.deploymentSpecReplicas, type: "gauge", unit: "replicas", labels: ["namespace", "deployment"], description: "Replicas the Deployment asks for." }),
  ksm({ name: M.deploymentAvailable, type: "gauge", unit: "replicas", labels: ["namespace", "deployment"], description: "Replicas ready for at least minReadySeconds." }),
  ksm({ name: M.deploymentCondition, type: "gauge", unit: "boolean", labels: ["namespace", "deployment", "condition", "status"], description: "1 for the status of each Deployment condition (Available, Progressing, ReplicaFailure)." }),
  ksm({ name: M.statefulSetReplicas, type: "gauge", unit: "replicas", labels: ["namespace", "statefulset"], description: "Replicas the StatefulSet asks for." }),
  ksm({ name: M.statefulSetReady, type: "gauge", unit: "replicas", labels: ["namespace", "statefulset"], description: "Ready replicas of the StatefulSet." }),
  ksm({ name: M.daemonSetDesired, type: "gauge", unit: "pods", labels: ["namespace", "daemonset"], description: "Nodes that should run the DaemonSet's pod." }),
  ksm({ name: M.daemonSetUpdated, type: "gauge", unit: "pods", labels: ["namespace", "daemonset"], description: "Nodes running the current pod template." }),
  ksm({ name: M.daemonSetAvailable, type: "gauge", unit: "pods", labels: ["namespace", "daemonset"], description: "Nodes whose DaemonSet pod is available." }),
  ksm({ name: M.daemonSetMisscheduled, type: "gauge", unit: "pods", labels: ["namespace", "daemonset"], description: "Nodes running the DaemonSet's pod that should not." }),
  ksm({ name: M.jobFailed, type: "gauge", unit: "boolean", labels: ["namespace", "job_name", "condition"], description: "1 for the status of the Job's Failed condition (`condition=\"true\"`: the Job failed)." }),
  ksm({ name: M.jobActive, type: "gauge", unit: "pods", labels: ["namespace", "job_name"], description: "Pods of the Job that are running or pending." }),
  ksm({ name: M.jobStartTime, type: "gauge", unit: "unix seconds", labels: ["namespace", "job_name"], description: "When the Job controller started the Job." }),
  ksm({ name: M.hpaMaxReplicas, type: "gauge", unit: "replicas", labels: ["namespace", "horizontalpodautoscaler"], description: "The autoscaler's upper limit." }),
  ksm({ name: M.hpaMinReplicas, type: "gauge", unit: "replicas", labels: ["namespace", "horizontalpodautoscaler"], description: "The autoscaler's lower limit." }),
  ksm({ name: M.hpaDesiredReplicas, type: "gauge", unit: "replicas", labels: ["namespace", "horizontalpodautoscaler"], description: "Replicas the autoscaler last computed." }),
  ksm({ name: M.resourceQuota, type: "gauge", unit: "resource units", labels: ["namespace", "resourcequota", "resource", "type"], description: "A ResourceQuota's `hard` limit and `used` amount per resource." }),
  ksm({ name: M.nodeCondition, type: "gauge", unit: "boolean", labels: ["node", "condition", "status"], description: "1 for the status (`true`, `false`, `unknown`) of each node condition (Ready, MemoryPressure, DiskPressure, PIDPressure, …)." }),
  ksm({ name: M.nodeUnschedulable, type: "gauge", unit: "boolean", labels: ["node"], description: "1 when the node is cordoned." }),
  ksm({ name: M.nodeAllocatable, type: "gauge", unit: "resource units", labels: ["node", "resource", "unit"], description: "Resources the scheduler may place on the node (`cpu`, `memory`, `pods`, `nvidia_com_gpu`)." }),
  ksm({ name: M.nodeCapacity, type: "gauge", unit: "resource units", labels: ["node", "resource", "unit"], description: "Resources the node registered (`pods`: how many pods its kubelet accepts)." }),
  ksm({ name: M.pvPhase, type: "gauge", unit: "boolean", labels: ["persistentvolume", "phase"], description: "1 for the PersistentVolume's phase (Pending, Available, Bound, Released, Failed)." }),
  ksm({ name: M.pvcPhase, type: "gauge", unit: "boolean", labels: ["namespace", "persistentvolumeclaim", "phase"], description: "1 for the claim's phase (Pending, Bound, Lost)." }),
  kubelet({ name: M.volumeAvailable, type: "gauge", unit: "bytes", labels: ["namespace", "persistentvolumeclaim", "node"], description: "Free bytes of a mounted PersistentVolume, as the kubelet measures it." }),
  kubelet({ name: M.volumeCapacity, type: "gauge", unit: "bytes", labels: ["namespace", "persistentvolumeclaim", "node"], description: "Size of a mounted PersistentVolume's filesystem." }),
  kubelet({ name: M.kubeletRunningPods, type: "gauge", unit: "pods", labels: ["node"], description: "Pods with a running sandbox on the node." }),
  cadvisor({ name: M.cpuUsage, type: "counter", unit: "CPU seconds", labels: CADVISOR, description: "CPU time a container used." }),
  cadvisor({ name: M.memoryWorkingSet, type: "gauge", unit: "bytes", labels: CADVISOR, description: "A container's working set: the memory the OOM killer and evictions look at." }),
  cadvisor({ name: M.cfsPeriods, type: "counter", unit: "periods", labels: CADVISOR, description: "CFS enforcement periods in which a container with a CPU limit was runnable." }),
  cadvisor({ name: M.cfsThrottledPeriods, type: "counter", unit: "periods", labels: CADVISOR, description: "Of those, periods in which it was throttled (used up its quota)." }),
  cadvisor({ name: M.networkReceive, type: "counter", unit: "bytes", labels: ["namespace", "pod", "interface", "node"], description: "Bytes a pod received (pod-level network namespace)." }),
  cadvisor({ name: M.networkTransmit, type: "counter", unit: "bytes", labels: ["namespace", "pod", "interface", "node"], description: "Bytes a pod sent." }),
  { name: M.up, type: "gauge", unit: "boolean", labels: ["job", "instance", "node"], producer: "prometheus", description: "1 when the last scrape of the target succeeded." },
  { name: M.alerts, type: "gauge", unit: "info", labels: ["alertname", "alertstate", "severity", "category"], producer: "prometheus", description: "Alerts Prometheus evaluates as pending or firing." },
  recorded({ name: M.podWorkload, type: "gauge", unit: "info", labels: [...WORKLOAD, "pod"], description: "The workload of each active pod (Pending, Running or Unknown: not finished): its Deployment (through its ReplicaSet), or else its controller (StatefulSet, DaemonSet, Job, bare ReplicaSet, an operator's resource, a Node); `workload_type` is that kind. A pod without a controller is its own workload, of type `Pod`." }),
  recorded({
    name: M.unreadyPods,
    type: "gauge",
    unit: "info",
    labels: [...WORKLOAD, "pod"],
    description: "The active pods (as in the workload map, with their workload) whose Ready condition is not true, but those waiting to be scheduled on GPUs: what KubePodNotReady waits on.",
  }),
  recorded({ name: M.namespaceRequests, type: "gauge", unit: "resource units", labels: ["namespace", "resource"], description: "Requests of the namespace's active pods (Pending, Running or Unknown), per resource (`cpu` cores, `memory` bytes, `nvidia_com_gpu`): the sum of its workloads'." }),
  recorded({ name: M.workloadRequests, type: "gauge", unit: "resource units", labels: [...WORKLOAD, "resource"], description: "Requests of a workload's active pods (Pending, Running or Unknown), per resource." }),
  recorded({ name: M.namespaceCpu, type: "gauge", unit: "cores", labels: ["namespace"], window: "5m", description: "CPU cores the containers of a namespace's active pods use: the sum of its workloads'." }),
  recorded({ name: M.workloadCpu, type: "gauge", unit: "cores", labels: WORKLOAD, window: "5m", description: "CPU cores a workload's containers use." }),
  recorded({ name: M.namespaceMemory, type: "gauge", unit: "bytes", labels: ["namespace"], description: "Working set of the containers of a namespace's active pods: the sum of its workloads'." }),
  recorded({ name: M.workloadMemory, type: "gauge", unit: "bytes", labels: WORKLOAD, description: "Working set of a workload's containers." }),
  recorded({
    name: M.containerRestarts,
    type: "gauge",
    unit: "restarts",
    labels: ["namespace", "pod", "container"],
    window: "1m",
    description:
      "Restarts of a container in the last whole roll-up interval of the clock (one minute by default; recorded up to a minute after it ends), written only when there were some: `sum_over_time` of it over a window counts the restarts in the window.",
  }),
  recorded({ name: M.throttledRatio, type: "gauge", unit: "ratio", labels: ["namespace", "pod", "container"], window: "5m", description: "Share of a container's CFS periods that were throttled." }),
];
