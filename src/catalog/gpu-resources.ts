/**
 * The Kubernetes extended resources of NVIDIA GPUs, as the device plugin advertises them and as
 * kube-state-metrics and dcgm-exporter read them: one place for the rules, dashboards and the
 * exporter's flags.
 *
 * - `nvidia.com/gpu`: whole GPUs (and, with time-slicing or MPS, their replicas);
 * - `nvidia.com/gpu.shared`: the replicas under `sharing.timeSlicing.renameByDefault: true` (or
 *   `sharing.mps`), the resource name plus `DefaultSharedResourceNameSuffix` ".shared"
 *   (NVIDIA/k8s-device-plugin api/config/v1/consts.go @ 05ff6e8031aa);
 * - `nvidia.com/mig-<profile>`: MIG instances under the `mixed` strategy (`.shared` appended when shared).
 */
export const GPU_RESOURCE = "nvidia.com/gpu";
export const SHARED_GPU_RESOURCE = "nvidia.com/gpu.shared";
const MIG_RESOURCE_PREFIX = "nvidia.com/mig-";

/**
 * A resource name as kube-state-metrics writes it in the `resource` label: every character outside
 * `[a-zA-Z0-9_]` becomes `_` (kube-state-metrics v2.13.0 internal/store/utils.go SanitizeLabelName,
 * called from internal/store/pod.go and node.go), so `nvidia.com/gpu.shared` is `nvidia_com_gpu_shared`.
 */
export function kubeStateMetricsResource(resource: string): string {
  return resource.replace(/[^a-zA-Z0-9_]/g, "_");
}

/** `resource=~"…"`: every NVIDIA GPU resource in kube-state-metrics' series (requests, allocatable, capacity). */
export const GPU_RESOURCES = `resource=~"${[GPU_RESOURCE, SHARED_GPU_RESOURCE].map(kubeStateMetricsResource).join("|")}|${kubeStateMetricsResource(MIG_RESOURCE_PREFIX)}.+"`;

/**
 * Resource names dcgm-exporter must map to pods besides `nvidia.com/gpu` and `nvidia.com/mig-*`, which
 * it always maps: it skips every other resource of a pod (dcgm-exporter 4.4.2-4.7.0 and 4.5.3-4.8.2
 * internal/pkg/transformation/kubernetes.go, iterateGPUDevices and toDeviceToPod; appconfig/const.go
 * NvidiaResourceName), so without `--nvidia-resource-names` a pod holding `nvidia.com/gpu.shared` is
 * never named and its GPU bills `unallocated`.
 */
export const DCGM_EXTRA_RESOURCE_NAMES: readonly string[] = [SHARED_GPU_RESOURCE];
