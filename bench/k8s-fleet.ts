// A synthetic Kubernetes cluster for the kubernetes pack's rule-evaluation bench: the series
// kube-state-metrics, the kubelet and cAdvisor expose for N nodes × 30 pods, labelled as the
// standalone scrape jobs label them (`kube-state-metrics`, `kubelet` and `cadvisor`, with `node`).
import { counter, gauge, HOUR, ksm, MINUTE, podPhases, type FleetSeries } from "./fleet.js";

export const PODS_PER_NODE = 30;
/** Of each node's 30 pods: one per DaemonSet, replicas of 10-pod Deployments, StatefulSet pods with a volume, Job pods. */
const DAEMON_SETS = 5;
const DEPLOYMENT_PODS = 20;
const STATEFUL_PODS = 3;
const DEPLOYMENT_REPLICAS = 10;
const STATEFUL_REPLICAS = 3;
const NAMESPACES = 100;
const STATUSES = ["true", "false", "unknown"];
/** Every Job started two hours before the bench: running, and well within `jobMaxRunHours`, not 2,000 firing alerts. */
const JOBS_STARTED = Math.floor(Date.now() / 1000) - 2 * 3600;

/** History each series needs for the windows the rules read: 6 h of volume stats, a few minutes of counters (restarts one minute back, cAdvisor's 5-minute rates). */
const VOLUME_HISTORY = 6 * HOUR;
const COUNTER_HISTORY = 6 * MINUTE;
/**
 * The 6 hours of volume stats are backfilled at one sample a minute, not every 15 s, so that the
 * backfill takes seconds on a shared 2-core machine. `predict_linear(…[6h])` then decodes a quarter
 * of the samples it would in production: its figure is a lower bound.
 */
const LONG_HISTORY_STEP_MS = MINUTE;
const PAUSE_IMAGE = "registry.k8s.io/pause:3.9";
/** Cgroups cAdvisor reports on each node besides the pods': the root, the pods' parents, the node's services. */
const NODE_CGROUPS = ["/", "/kubepods.slice", "/kubepods.slice/kubepods-burstable.slice", "/kubepods.slice/kubepods-besteffort.slice", "/system.slice", "/system.slice/containerd.service", "/system.slice/kubelet.service"];
/** Old ReplicaSets a Deployment keeps (its revisionHistoryLimit is 10): kube-state-metrics writes their owner too. */
const OLD_REPLICA_SETS = 3;
/** A 64-hex containerd id, distinct per pod and container. */
const containerId = (pod: number, container: number) => (pod * 4 + container).toString(16).padStart(64, "0");
const sparse = (series: FleetSeries): FleetSeries => ({ ...series, stepMs: LONG_HISTORY_STEP_MS });

interface Pod {
  readonly namespace: string;
  readonly pod: string;
  readonly node: string;
  readonly ownerKind: string;
  readonly ownerName: string;
  readonly volume?: string;
}

export function kubernetesFleet(nodes: number): FleetSeries[] {
  const series: FleetSeries[] = [];
  const pods: Pod[] = [];
  let deploymentPod = 0;
  let statefulPod = 0;
  let jobPod = 0;
  for (let n = 0; n < nodes; n++) {
    const node = `node-${n}`;
    for (let d = 0; d < DAEMON_SETS; d++) pods.push({ namespace: "kube-system", pod: `agent-${d}-${n}`, node, ownerKind: "DaemonSet", ownerName: `agent-${d}` });
    for (let p = 0; p < DEPLOYMENT_PODS; p++, deploymentPod++) {
      const deployment = Math.floor(deploymentPod / DEPLOYMENT_REPLICAS);
      pods.push({ namespace: `team-${deployment % NAMESPACES}`, pod: `web-${deployment}-5d8f7-${deploymentPod}`, node, ownerKind: "ReplicaSet", ownerName: `web-${deployment}-5d8f7` });
    }
    for (let p = 0; p < STATEFUL_PODS; p++, statefulPod++) {
      const set = Math.floor(statefulPod / STATEFUL_REPLICAS);
      const pod = `db-${set}-${statefulPod % STATEFUL_REPLICAS}`;
      pods.push({ namespace: `team-${set % NAMESPACES}`, pod, node, ownerKind: "StatefulSet", ownerName: `db-${set}`, volume: `data-${pod}` });
    }
    for (let p = DAEMON_SETS + DEPLOYMENT_PODS + STATEFUL_PODS; p < PODS_PER_NODE; p++, jobPod++) {
      pods.push({ namespace: `team-${jobPod % NAMESPACES}`, pod: `batch-${jobPod}-x7k2q`, node, ownerKind: "Job", ownerName: `batch-${jobPod}` });
    }
    const kubelet = { job: "kubelet", instance: `${node}:10250`, node };
    // The node's own cgroups, which the kubelet's cAdvisor also reports, with no pod or container.
    for (const id of NODE_CGROUPS) {
      const cgroup = { job: "cadvisor", instance: `${node}:10250`, node, id };
      series.push(counter("container_cpu_usage_seconds_total", { ...cgroup, cpu: "total" }, 2, COUNTER_HISTORY), gauge("container_memory_working_set_bytes", cgroup, 4e9, 0));
    }
    series.push(gauge("up", kubelet, 1, 0), gauge("kubelet_running_pods", kubelet, PODS_PER_NODE, 0), gauge("kube_node_spec_unschedulable", { ...ksm, node }, 0, 0));
    for (const condition of ["Ready", "MemoryPressure", "DiskPressure", "PIDPressure"]) {
      for (const status of STATUSES) {
        const healthy = condition === "Ready" ? "true" : "false";
        series.push(gauge("kube_node_status_condition", { ...ksm, node, condition, status }, status === healthy ? 1 : 0, 0));
      }
    }
    for (const [resource, unit, value] of [["cpu", "core", 62], ["memory", "byte", 500e9], ["pods", "integer", 110], ["nvidia_com_gpu", "integer", 8]] as const) {
      series.push(gauge("kube_node_status_allocatable", { ...ksm, node, resource, unit }, value, 0));
      if (resource === "pods") series.push(gauge("kube_node_status_capacity", { ...ksm, node, resource, unit }, value, 0));
    }
  }
  // kube-state-metrics v2.20.0 internal/store/pod.go: five phase series per pod (podPhases), owner, readiness,
  // requests (with `node`) and restarts labelled namespace, pod, uid (and container).
  pods.forEach((p, i) => {
    const pod = { ...ksm, namespace: p.namespace, pod: p.pod, uid: `uid-${i}` };
    const container = { ...pod, container: "main" };
    const phase = p.ownerKind === "Job" && i % 2 === 0 ? "Succeeded" : "Running";
    series.push(
      gauge("kube_pod_owner", { ...pod, owner_kind: p.ownerKind, owner_name: p.ownerName, owner_is_controller: "true" }, 1, 0),
      gauge("kube_pod_created", pod, 1_700_000_000, 0),
      ...podPhases(pod, phase),
      ...STATUSES.map((condition) => gauge("kube_pod_status_ready", { ...pod, condition }, condition === (phase === "Running" ? "true" : "false") ? 1 : 0, 0)),
      gauge("kube_pod_container_resource_requests", { ...container, node: p.node, resource: "cpu", unit: "core" }, 0.5, 0),
      gauge("kube_pod_container_resource_requests", { ...container, node: p.node, resource: "memory", unit: "byte" }, 1e9, 0),
      // One restart an hour for one pod in a hundred.
      counter("kube_pod_container_status_restarts_total", container, i % 100 === 0 ? 1 / 3600 : 0, COUNTER_HISTORY),
    );
    if (i % 50 === 0) series.push(gauge("kube_pod_container_status_last_terminated_reason", { ...container, reason: "OOMKilled" }, 1, 0));
    if (p.ownerKind === "StatefulSet" && i % 3 === 0) {
      series.push(gauge("kube_pod_container_resource_requests", { ...container, node: p.node, resource: "nvidia_com_gpu", unit: "integer" }, 1, 0));
    }
    // cAdvisor as the kubelet labels it (kubernetes/kubernetes pkg/kubelet/server/server.go at
    // 4a37f009ca61, containerPrometheusLabelsFunc: id, name, image, namespace, pod, container, empty when unknown;
    // `node` added by the scrape job). With containerd (cadvisor v0.49.1 container/containerd/handler.go)
    // each pod has three cgroups: the pod's own (`container=""`, no image or name), the sandbox (pause)
    // container (`container=""`, the pause image; the only one with network series) and each container.
    // CPU usage is one series per cgroup with `cpu="total"` (metrics/prometheus.go: the kubelet leaves
    // out per-CPU usage); CFS counters exist for every cgroup with a CPU quota: the container with a
    // limit and its pod's cgroup (all of its containers have one).
    const cadvisor = { job: "cadvisor", instance: `${p.node}:10250`, node: p.node, namespace: p.namespace, pod: p.pod };
    const podCgroup = `/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-poduid_${i}.slice`;
    const sandbox = { ...cadvisor, container: "", id: `${podCgroup}/cri-containerd-${containerId(i, 0)}.scope`, image: PAUSE_IMAGE, name: containerId(i, 0) };
    const cgroups = [
      { ...cadvisor, container: "", id: podCgroup },
      sandbox,
      { ...cadvisor, container: "main", id: `${podCgroup}/cri-containerd-${containerId(i, 1)}.scope`, image: `registry.example.com/${p.ownerName}:1.0`, name: containerId(i, 1) },
    ];
    for (const cgroup of cgroups) {
      series.push(
        counter("container_cpu_usage_seconds_total", { ...cgroup, cpu: "total" }, 0.2, COUNTER_HISTORY),
        gauge("container_memory_working_set_bytes", cgroup, 5e8, 0),
      );
    }
    // Half the containers have a CPU limit, so CFS counters, for them and their pod.
    if (i % 2 === 0) {
      for (const cgroup of [cgroups[0]!, cgroups[2]!]) {
        series.push(
          counter("container_cpu_cfs_periods_total", cgroup, 10, COUNTER_HISTORY),
          counter("container_cpu_cfs_throttled_periods_total", cgroup, 1, COUNTER_HISTORY),
        );
      }
    }
    series.push(
      counter("container_network_receive_bytes_total", { ...sandbox, interface: "eth0" }, 1e5, COUNTER_HISTORY),
      counter("container_network_transmit_bytes_total", { ...sandbox, interface: "eth0" }, 1e5, COUNTER_HISTORY),
    );
    if (p.volume) {
      const volume = { job: "kubelet", instance: `${p.node}:10250`, node: p.node, namespace: p.namespace, persistentvolumeclaim: p.volume };
      series.push(
        gauge("kubelet_volume_stats_capacity_bytes", volume, 100e9, 0),
        { ...sparse(gauge("kubelet_volume_stats_available_bytes", volume, 0, VOLUME_HISTORY)), value: (atMs) => 50e9 - ((atMs / 1000) % 86_400) * 1e4 },
        ...["Pending", "Bound", "Lost"].map((phase) => gauge("kube_persistentvolumeclaim_status_phase", { ...ksm, namespace: p.namespace, persistentvolumeclaim: p.volume!, phase }, phase === "Bound" ? 1 : 0, 0)),
        ...["Pending", "Available", "Bound", "Released", "Failed"].map((phase) => gauge("kube_persistentvolume_status_phase", { ...ksm, persistentvolume: `pv-${p.volume}`, phase }, phase === "Bound" ? 1 : 0, 0)),
      );
    }
  });
  workloads(series, pods);
  for (let t = 0; t < NAMESPACES; t++) {
    for (const resource of ["requests.cpu", "requests.memory", "requests.nvidia.com/gpu"]) {
      for (const [type, value] of [["hard", 1000], ["used", 300]] as const) series.push(gauge("kube_resourcequota", { ...ksm, namespace: `team-${t}`, resourcequota: "team", resource, type }, value, 0));
    }
  }
  return series;
}

/** The controllers' own series: ReplicaSet owners, Deployments, StatefulSets, DaemonSets, Jobs and one HPA per ten Deployments. */
function workloads(series: FleetSeries[], pods: readonly Pod[]): void {
  const seen = new Set<string>();
  for (const p of pods) {
    const key = `${p.ownerKind}/${p.namespace}/${p.ownerName}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const ns = { ...ksm, namespace: p.namespace };
    if (p.ownerKind === "ReplicaSet") {
      const deployment = p.ownerName.replace(/-5d8f7$/, "");
      const replicaSets = [p.ownerName, ...Array.from({ length: OLD_REPLICA_SETS }, (_, r) => `${deployment}-old${r}`)];
      series.push(
        ...replicaSets.map((replicaset) => gauge("kube_replicaset_owner", { ...ns, replicaset, owner_kind: "Deployment", owner_name: deployment, owner_is_controller: "true" }, 1, 0)),
        gauge("kube_deployment_spec_replicas", { ...ns, deployment }, DEPLOYMENT_REPLICAS, 0),
        gauge("kube_deployment_status_replicas_available", { ...ns, deployment }, DEPLOYMENT_REPLICAS, 0),
        ...["Available", "Progressing"].flatMap((condition) => STATUSES.map((status) => gauge("kube_deployment_status_condition", { ...ns, deployment, condition, status }, status === "true" ? 1 : 0, 0))),
      );
      if (Number(deployment.split("-")[1]) % 10 === 0) {
        const hpa = { ...ns, horizontalpodautoscaler: deployment };
        series.push(
          gauge("kube_horizontalpodautoscaler_spec_max_replicas", hpa, 20, 0),
          gauge("kube_horizontalpodautoscaler_spec_min_replicas", hpa, 2, 0),
          gauge("kube_horizontalpodautoscaler_status_desired_replicas", hpa, DEPLOYMENT_REPLICAS, 0),
        );
      }
    } else if (p.ownerKind === "StatefulSet") {
      series.push(
        gauge("kube_statefulset_replicas", { ...ns, statefulset: p.ownerName }, STATEFUL_REPLICAS, 0),
        gauge("kube_statefulset_status_replicas_ready", { ...ns, statefulset: p.ownerName }, STATEFUL_REPLICAS, 0),
      );
    } else if (p.ownerKind === "DaemonSet") {
      const ds = { ...ns, daemonset: p.ownerName };
      for (const name of ["desired_number_scheduled", "updated_number_scheduled", "number_available"]) series.push(gauge(`kube_daemonset_status_${name}`, ds, 1000, 0));
      series.push(gauge("kube_daemonset_status_number_misscheduled", ds, 0, 0));
    } else {
      const job = { ...ns, job_name: p.ownerName };
      series.push(
        gauge("kube_job_status_start_time", job, JOBS_STARTED, 0),
        gauge("kube_job_status_active", job, 1, 0),
        gauge("kube_job_failed", { ...job, condition: "true" }, 0, 0),
        gauge("kube_job_failed", { ...job, condition: "false" }, 0, 0),
      );
    }
  }
}
