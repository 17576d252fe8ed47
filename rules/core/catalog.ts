import { KUBE_NODE_ALLOCATABLE } from "../../src/catalog/kube-state-metrics-resources.js";
import { GPU_SHARING_NODE_LABEL, nodeLabelMetricLabel } from "../../src/catalog/node-labels.js";
import { DCGM_LABELS, GPU_HOURS_1H_METRIC, SEMANTIC_METRIC, semanticMetrics } from "../../src/catalog/semantic-metrics.js";
import { servingServerMetrics } from "../../src/catalog/serving-server-metrics.js";
import { sloBadEventRateMetric, sloErrorRatioMetric, sloEventRateMetric, SLO_METRIC } from "../../src/catalog/slo-metrics.js";
import { dcgmInput, kubeStateMetricsInput, nodeExporterInput } from "../../src/catalog/input-contracts.js";
import type { MetricEntry } from "../../src/catalog/types.js";
import { ACCOUNTING_INTERVAL } from "../../src/promql/windows.js";
import { EXPORTER_METRIC, exporterMetrics } from "../../src/exporter/metric-catalog.js";

/**
 * Metric names of the core pack. Rules and dashboards refer to these constants, never to string
 * literals, so a rename is one edit and the catalog below cannot miss a metric that is used.
 */
export const METRIC = {
  ...EXPORTER_METRIC,
  ...SEMANTIC_METRIC,
  // inference services
  inferLatencyMs: "nf_infer_latency_ms",
  inferRequests: "nf_infer_requests_total",
  inferErrors: "nf_infer_errors_total",
  // dcgm-exporter
  dcgmGpuUtil: "DCGM_FI_DEV_GPU_UTIL",
  dcgmFbUsed: "DCGM_FI_DEV_FB_USED",
  dcgmFbFree: "DCGM_FI_DEV_FB_FREE",
  dcgmPowerUsage: "DCGM_FI_DEV_POWER_USAGE",
  dcgmEnergy: "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION",
  dcgmGpuTemp: "DCGM_FI_DEV_GPU_TEMP",
  dcgmGrEngineActive: "DCGM_FI_PROF_GR_ENGINE_ACTIVE",
  dcgmClockEventReasons: "DCGM_FI_DEV_CLOCKS_EVENT_REASONS",
  dcgmEccDbeVolatile: "DCGM_FI_DEV_ECC_DBE_VOL_TOTAL",
  dcgmRowRemapFailure: "DCGM_FI_DEV_ROW_REMAP_FAILURE",
  dcgmNvlinkCrcErrors: "DCGM_FI_DEV_NVLINK_CRC_FLIT_ERROR_COUNT_TOTAL",
  dcgmNvlinkReplayErrors: "DCGM_FI_DEV_NVLINK_REPLAY_ERROR_COUNT_TOTAL",
  dcgmXidCount: "DCGM_EXP_XID_ERRORS_COUNT",
  // node-exporter
  nodeCpuSeconds: "node_cpu_seconds_total",
  nodeMemTotal: "node_memory_MemTotal_bytes",
  nodeUnameInfo: "node_uname_info",
  nodeMemAvailable: "node_memory_MemAvailable_bytes",
  nodeFsSize: "node_filesystem_size_bytes",
  nodeFsAvail: "node_filesystem_avail_bytes",
  nodeFsReadonly: "node_filesystem_readonly",
  // kube-state-metrics
  kubeNodeAllocatable: KUBE_NODE_ALLOCATABLE,
  kubeNodeCapacity: "kube_node_status_capacity",
  kubeNodeLabels: "kube_node_labels",
  kubePodResourceRequests: "kube_pod_container_resource_requests",
  kubePodPhase: "kube_pod_status_phase",
  // Kepler (energy.kepler)
  keplerPodCpuJoules: "kepler_pod_cpu_joules_total",
  keplerNodeCpuIdleJoules: "kepler_node_cpu_idle_joules_total",
  // Prometheus and Alertmanager themselves
  up: "up",
  alerts: "ALERTS",
  // intermediate recording rules (level:metric:operations)
  requestRate5m: requestRateMetric("5m"),
  errorRate5m: "namespace_service:nf_infer_errors:rate5m",
  latencyP95: "namespace_service:nf_infer_latency_ms:p95_rate5m",
  latencySlowRatio: "namespace_service:nf_infer_latency_slow:ratio_rate5m",
  gpuShare: "namespace_pod_gpu:nf_gpu_share:ratio",
  gpuIdleShare: "namespace_pod_gpu:nf_gpu_idle_share:ratio",
  gpuShareByNamespace: "namespace_gpu_model:nf_gpu_share:sum",
  gpuIdleShareByNamespace: "namespace_gpu_model:nf_gpu_idle_share:sum",
  migGpuInstances: "gpu:nf_gpu_mig_instances:count",
  wholeGpuPodUse: "namespace_pod_gpu:nf_gpu_pod_use:max",
  gpuClockEventReasons: "gpu:nf_gpu_clock_event_reasons:max",
  unheldGpuMemoryMiB: "gpu:nf_gpu_unheld_memory_mib:max",
  nodeGpuInstances: "node:nf_gpu_dcgm_instances:count",
  nodeGpuHeldSeries: "node:nf_gpu_dcgm_held_series:count",
  gpuEccDbeErrors: "gpu:nf_gpu_ecc_dbe_errors:max",
  gpuNvlinkCrcErrors: "gpu:nf_gpu_nvlink_crc_errors:max",
  gpuNvlinkReplayErrors: "gpu:nf_gpu_nvlink_replay_errors:max",
  lowUtilizationHolders: "namespace_pod_gpu:nf_gpu_util_low:avg",
  uncountedGpuPower: "gpu:nf_gpu_uncounted_power_watts:max",
  gpuTdpByModel: "gpu_model:nf_gpu_tdp_watts:last1h",
  countedGpuEnergyStep: `gpu:nf_gpu_energy_millijoules:increase${ACCOUNTING_INTERVAL}`,
  holderGpuHours1h: "namespace_pod_gpu:nf_gpu_hours:sum1h",
  physicalGpuEnergyKwh1h: "gpu:nf_gpu_energy_kwh:increase1h",
  gpuEnergyKwh1h: "namespace_gpu_model:nf_gpu_energy_kwh:increase1h",
  hostEnergyKwh1h: "namespace_source:nf_host_energy_kwh:increase1h",
  gpuHours1h: GPU_HOURS_1H_METRIC,
  gpuIdleHours1h: "namespace_gpu_model:nf_gpu_idle_hours:sum1h",
  energyCostUsd1h: "namespace_gpu_model:nf_energy_cost_usd:sum1h",
  gpuCostUsd1h: "namespace_gpu_model:nf_gpu_cost_usd:sum1h",
  gpuIdleCostUsd1h: "namespace_gpu_model:nf_gpu_idle_cost_usd:sum1h",
} as const;

/** Request-rate recording rule of one window, e.g. `namespace_service:nf_infer_requests:rate1h`. */
export function requestRateMetric(window: string): string {
  return `namespace_service:nf_infer_requests:rate${window}`;
}

/** Error-ratio recording rule of one window, e.g. `namespace_service:nf_infer_error_ratio:rate1h`. */
export function errorRatioMetric(window: string): string {
  return `namespace_service:nf_infer_error_ratio:rate${window}`;
}

/**
 * Bucket boundaries (ms) of `nf_infer_latency_ms` that the contract asks services for; an SLO's
 * latency threshold must be one of them (a threshold between buckets could only be interpolated).
 */
export const NF_INFER_LATENCY_BUCKETS_MS: readonly number[] = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

/** Windows of the multi-window multi-burn-rate alerts (SRE workbook, chapter 5). */
export const BURN_RATE_WINDOWS = ["5m", "30m", "1h", "2h", "6h", "1d", "3d"] as const;

const byNamespaceAndModel = ["namespace", "gpu_model"];
const byService = ["namespace", "service"];
const byHolder = [...DCGM_LABELS.filter((l) => l !== "container"), "gpu_model"];
const byPhysicalGpu = ["node", "gpu", "UUID", "modelName", "method"];

const bySlo = ["slo", "sli"];
/** The series of every SLO (`slos` and the default one): the SLIs per burn-rate window, the objective and the budget left. */
const sloMetrics: readonly MetricEntry[] = [
  ...BURN_RATE_WINDOWS.flatMap((window): MetricEntry[] => [
    { name: sloEventRateMetric(window), type: "gauge", unit: "events/s", labels: bySlo, producer: "recording rule", description: `Requests the SLO counts, per second over ${window} (for latency: those with a latency observation).`, window },
    { name: sloErrorRatioMetric(window), type: "gauge", unit: "ratio", labels: bySlo, producer: "recording rule", description: `Bad / all events over ${window}: failed requests (availability) or requests slower than the threshold (latency).`, window },
  ]),
  { name: sloBadEventRateMetric("5m"), type: "gauge", unit: "events/s", labels: bySlo, producer: "recording rule", description: "Bad events per second over 5m; the longer windows are summed from it.", window: "5m" },
  { name: SLO_METRIC.objective, type: "gauge", unit: "ratio", labels: bySlo, producer: "recording rule", description: "The objective: share of events that must be good (0.995 = 99.5 %)." },
  { name: SLO_METRIC.budgetRemaining, type: "gauge", unit: "ratio", labels: bySlo, producer: "recording rule", description: "Share of the error budget of the SLO's window still left: 1 untouched, 0 spent, below 0 overspent." },
];

export const coreMetrics: readonly MetricEntry[] = [
  { name: METRIC.inferLatencyMs, type: "histogram", unit: "ms", labels: ["namespace", "service", "model", "le"], producer: "inference services", input: { producer: "inference-services", registration: "lazy", enabledBy: "the service's own instrumentation (docs/slos.md \"SLOs\", source nf_infer)" }, description: `Request latency; buckets ${NF_INFER_LATENCY_BUCKETS_MS.join(", ")}.` },
  { name: METRIC.inferRequests, type: "counter", unit: "requests", labels: ["namespace", "service", "model"], producer: "inference services", input: { producer: "inference-services", registration: "lazy", enabledBy: "the service's own instrumentation (docs/slos.md \"SLOs\", source nf_infer)" }, description: "Requests served." },
  { name: METRIC.inferErrors, type: "counter", unit: "requests", labels: ["namespace", "service", "model"], producer: "inference services", input: { producer: "inference-services", registration: "lazy", enabledBy: "the service's own instrumentation (docs/slos.md \"SLOs\", source nf_infer)" }, description: "Requests that failed; may not exist until the first error." },

  // vLLM, TGI and Triton, read by the SLOs of `slos` (and by the llm pack).
  ...servingServerMetrics(),

  // dcgm-exporter 4.5.3-4.8.2 with --kubernetes-virtual-gpus: one series per sharing pod with that pod's own SM use, plus the device's with no pod
  // (internal/pkg/transformation/kubernetes.go, process_metrics.go); 4.4.x repeats the device value per pod. Not in the GPU Operator's default
  // list: DCGM_EXP_XID_ERRORS_COUNT, DCGM_FI_DEV_CLOCKS_EVENT_REASONS, DCGM_FI_DEV_ECC_DBE_VOL_TOTAL, the NVLink error counters (GPU_OPERATOR_DEFAULT_FIELDS).
  { name: METRIC.dcgmGpuUtil, type: "gauge", unit: "percent", labels: DCGM_LABELS, producer: "dcgmExporter", input: dcgmInput(METRIC.dcgmGpuUtil), description: "GPU utilisation." },
  { name: METRIC.dcgmFbUsed, type: "gauge", unit: "MiB", labels: DCGM_LABELS, producer: "dcgmExporter", input: dcgmInput(METRIC.dcgmFbUsed), description: "Framebuffer memory used." },
  { name: METRIC.dcgmFbFree, type: "gauge", unit: "MiB", labels: DCGM_LABELS, producer: "dcgmExporter", input: dcgmInput(METRIC.dcgmFbFree), description: "Framebuffer memory free." },
  { name: METRIC.dcgmPowerUsage, type: "gauge", unit: "W", labels: DCGM_LABELS, producer: "dcgmExporter", input: dcgmInput(METRIC.dcgmPowerUsage), description: "Board power draw." },
  { name: METRIC.dcgmEnergy, type: "counter", unit: "mJ", labels: DCGM_LABELS, producer: "dcgmExporter", input: dcgmInput(METRIC.dcgmEnergy, "optional"), description: "Energy since the driver loaded; resets on reboot or driver reload." },
  { name: METRIC.dcgmGpuTemp, type: "gauge", unit: "degrees Celsius", labels: DCGM_LABELS, producer: "dcgmExporter", input: dcgmInput(METRIC.dcgmGpuTemp), description: "GPU die temperature." },
  { name: METRIC.dcgmGrEngineActive, type: "gauge", unit: "ratio (0-1)", labels: DCGM_LABELS, producer: "dcgmExporter", input: dcgmInput(METRIC.dcgmGrEngineActive, "optional"), description: "Share of time the graphics/compute engine was active (profiling field); the utilisation of MIG instances, which have no DCGM_FI_DEV_GPU_UTIL." },
  { name: METRIC.dcgmClockEventReasons, type: "gauge", unit: "bitmask", labels: DCGM_LABELS, producer: "dcgmExporter", input: dcgmInput(METRIC.dcgmClockEventReasons), description: "Why clocks are held down (named DCGM_FI_DEV_CLOCK_THROTTLE_REASONS before DCGM 3.3): 0x8 hardware slowdown, 0x20 software thermal, 0x40 hardware thermal, 0x80 power brake." },
  { name: METRIC.dcgmEccDbeVolatile, type: "counter", unit: "errors", labels: DCGM_LABELS, producer: "dcgmExporter", input: dcgmInput(METRIC.dcgmEccDbeVolatile), description: "Uncorrectable (double-bit) ECC errors since the driver loaded." },
  { name: METRIC.dcgmRowRemapFailure, type: "gauge", unit: "boolean", labels: DCGM_LABELS, producer: "dcgmExporter", input: dcgmInput(METRIC.dcgmRowRemapFailure, "optional"), description: "1 when the GPU could not remap a failing memory row (it needs a reset, then service)." },
  { name: METRIC.dcgmNvlinkCrcErrors, type: "counter", unit: "errors", labels: DCGM_LABELS, producer: "dcgmExporter", input: dcgmInput(METRIC.dcgmNvlinkCrcErrors, "optional"), description: "NVLink flow-control CRC errors, all links." },
  { name: METRIC.dcgmNvlinkReplayErrors, type: "counter", unit: "errors", labels: DCGM_LABELS, producer: "dcgmExporter", input: dcgmInput(METRIC.dcgmNvlinkReplayErrors, "optional"), description: "NVLink replays (retransmissions after an error), all links." },
  { name: METRIC.dcgmXidCount, type: "gauge", unit: "XID errors", labels: [...DCGM_LABELS, "xid"], producer: "dcgmExporter", input: dcgmInput(METRIC.dcgmXidCount, "lazy"), description: "XID errors of each code within the exporter's counting window (`--xid-count-window-size`)." },

  { name: METRIC.nodeCpuSeconds, type: "counter", unit: "seconds", labels: ["node", "cpu", "mode"], producer: "nodeExporter", input: nodeExporterInput(METRIC.nodeCpuSeconds), description: "CPU time per mode." },
  { name: METRIC.nodeMemTotal, type: "gauge", unit: "bytes", labels: ["node"], producer: "nodeExporter", input: nodeExporterInput(METRIC.nodeMemTotal), description: "Physical memory." },
  // node_exporter collector/uname.go (checked with the running binary, 1.5.0): labels sysname, release, version, machine, nodename, domainname.
  { name: METRIC.nodeUnameInfo, type: "gauge", unit: "info (1)", labels: ["nodename"], producer: "nodeExporter", input: nodeExporterInput(METRIC.nodeUnameInfo), description: "The host's uname; `nodename` (the host name, normally the Kubernetes node name) names the node where the scrape added no `node` label (kube-prometheus-stack's defaults)." },
  { name: METRIC.nodeMemAvailable, type: "gauge", unit: "bytes", labels: ["node"], producer: "nodeExporter", input: nodeExporterInput(METRIC.nodeMemAvailable), description: "Memory available for new work." },
  { name: METRIC.nodeFsSize, type: "gauge", unit: "bytes", labels: ["node", "device", "fstype", "mountpoint"], producer: "nodeExporter", input: nodeExporterInput(METRIC.nodeFsSize), description: "Filesystem size." },
  { name: METRIC.nodeFsAvail, type: "gauge", unit: "bytes", labels: ["node", "device", "fstype", "mountpoint"], producer: "nodeExporter", input: nodeExporterInput(METRIC.nodeFsAvail), description: "Filesystem space available to non-root users." },
  { name: METRIC.nodeFsReadonly, type: "gauge", unit: "boolean", labels: ["node", "device", "fstype", "mountpoint"], producer: "nodeExporter", input: nodeExporterInput(METRIC.nodeFsReadonly), description: "1 when the filesystem is mounted read-only." },

  { name: METRIC.kubeNodeAllocatable, type: "gauge", unit: "resource units", labels: ["node", "resource", "unit"], producer: "kubeStateMetrics", input: kubeStateMetricsInput(METRIC.kubeNodeAllocatable), description: "Allocatable resources per node (`resource=\"nvidia_com_gpu\"` counts GPUs)." },
  { name: METRIC.kubeNodeCapacity, type: "gauge", unit: "resource units", labels: ["node", "resource", "unit"], producer: "kubeStateMetrics", input: kubeStateMetricsInput(METRIC.kubeNodeCapacity), description: "Resources a node registered, healthy or not (`resource=\"nvidia_com_gpu\"`: every GPU the device plugin found)." },
  { name: METRIC.kubeNodeLabels, type: "gauge", unit: "info", labels: ["node", nodeLabelMetricLabel(GPU_SHARING_NODE_LABEL)], producer: "kubeStateMetrics", input: kubeStateMetricsInput(METRIC.kubeNodeLabels), description: "Node labels that kube-state-metrics' --metric-labels-allowlist names, as `label_*` labels (value 1)." },
  { name: METRIC.kubePodResourceRequests, type: "gauge", unit: "resource units", labels: ["namespace", "pod", "container", "node", "resource", "unit"], producer: "kubeStateMetrics", input: kubeStateMetricsInput(METRIC.kubePodResourceRequests), description: "Resources a container requests (`nvidia_com_gpu`, `nvidia_com_mig_<profile>` for GPUs)." },
  { name: METRIC.kubePodPhase, type: "gauge", unit: "boolean", labels: ["namespace", "pod", "phase"], producer: "kubeStateMetrics", input: kubeStateMetricsInput(METRIC.kubePodPhase), description: "1 for the pod's current phase." },

  { name: METRIC.keplerPodCpuJoules, type: "counter", unit: "J", labels: ["pod_namespace", "pod_name", "zone", "node_name"], producer: "kepler", input: { producer: "kepler", registration: "eager", enabledBy: "Kepler's power collector (on by default): a series per running pod and zone", quirks: ["pod energy is the active share only: the node's idle energy is in kepler_node_cpu_idle_joules_total, charged to no pod"] }, description: "CPU energy per pod and RAPL zone (`package`: the CPU sockets, `dram`: memory); read only with `energy.kepler`." },
  // Kepler v0.11.4 internal/exporter/prometheus/collector/power_collector.go (deviceStateJoulesDesc "node", "cpu", "idle"; labels zone, path, node_name).
  { name: METRIC.keplerNodeCpuIdleJoules, type: "counter", unit: "J", labels: ["node_name", "zone", "path"], producer: "kepler", input: { producer: "kepler", registration: "eager", enabledBy: "Kepler's power collector (on by default): a series per node and zone" }, description: "CPU energy per node and RAPL zone that Kepler attributes to no pod: the idle share (1 - CPU usage ratio) of each interval; read only with `energy.kepler`." },

  ...exporterMetrics,

  { name: METRIC.up, type: "gauge", unit: "boolean", labels: ["job", "instance"], producer: "prometheus", description: "1 when the last scrape of the target succeeded." },
  { name: METRIC.alerts, type: "gauge", unit: "boolean", labels: ["alertname", "alertstate", "severity"], producer: "prometheus", description: "Pending and firing alerts." },

  ...semanticMetrics,

  { name: METRIC.requestRate5m, type: "gauge", unit: "requests/s", labels: byService, producer: "recording rule", description: "Request rate.", window: "5m" },
  { name: METRIC.errorRate5m, type: "gauge", unit: "requests/s", labels: byService, producer: "recording rule", description: "Failed-request rate.", window: "5m" },
  { name: METRIC.latencyP95, type: "gauge", unit: "ms", labels: byService, producer: "recording rule", description: "p95 latency.", window: "5m" },
  { name: METRIC.latencySlowRatio, type: "gauge", unit: "ratio", labels: byService, producer: "recording rule", description: "Share of requests slower than the latency objective.", window: "5m" },
  ...BURN_RATE_WINDOWS.map(
    (window): MetricEntry => ({ name: errorRatioMetric(window), type: "gauge", unit: "ratio", labels: byService, producer: "recording rule", description: `Failed / all requests over ${window}.`, window }),
  ),
  ...BURN_RATE_WINDOWS.filter((window) => requestRateMetric(window) !== METRIC.requestRate5m).map(
    (window): MetricEntry => ({ name: requestRateMetric(window), type: "gauge", unit: "requests/s", labels: byService, producer: "recording rule", description: `Request rate over ${window} (the traffic guard of the burn-rate alerts).`, window }),
  ),
  ...sloMetrics,
  { name: METRIC.gpuShare, type: "gauge", unit: "ratio", labels: byHolder, producer: "recording rule", description: "Share of a physical GPU each holder has at each evaluation: 1 for a whole GPU, 1/n for each of n pods sharing one, N/7 (N/4 on an A30) for a MIG instance of profile `<N>g.*`. `namespace` is `unallocated` when no pod holds it." },
  { name: METRIC.gpuIdleShare, type: "gauge", unit: "ratio", labels: byHolder, producer: "recording rule", description: "The share of holders that are pods while the GPU's utilisation is below gpu.lowUtilizationPercent." },
  { name: METRIC.gpuShareByNamespace, type: "gauge", unit: "GPUs", labels: byNamespaceAndModel, producer: "recording rule", description: "The holders' shares added up per namespace and model at each evaluation: GPUs held now. The hourly GPU-hours and the unpriced-model check read these few series instead of every holder's." },
  { name: METRIC.gpuIdleShareByNamespace, type: "gauge", unit: "GPUs", labels: byNamespaceAndModel, producer: "recording rule", description: "The idle shares added up per namespace and model at each evaluation, for the hourly idle GPU-hours." },
  { name: METRIC.wholeGpuPodUse, type: "gauge", unit: "percent", labels: ["node", "gpu", "UUID", "modelName", "GPU_I_PROFILE", "GPU_I_ID", "namespace", "pod"], producer: "recording rule", description: "Utilisation of each pod holding a whole GPU (not cut into MIG instances) plus 2^-1000, at each accounting evaluation: the pod's weight in its GPU's share (a GPU whose pods all read 0 splits equally)." },
  { name: METRIC.migGpuInstances, type: "gauge", unit: "instances", labels: ["node", "UUID"], producer: "recording rule", description: "MIG instances of each physical GPU cut into them: the shares of whole GPUs leave these GPUs out." },
  { name: METRIC.gpuClockEventReasons, type: "gauge", unit: "bit mask", labels: ["node", "gpu", "UUID", "modelName"], producer: "recording rule", description: "DCGM's clock event reasons of each GPU, only where a reason GPUClockThrottled reports (0x8 and above) may be set: the alert decodes each reason from these few series." },
  { name: METRIC.unheldGpuMemoryMiB, type: "gauge", unit: "MiB", labels: ["node", "gpu", "UUID", "modelName", "GPU_I_PROFILE", "GPU_I_ID"], producer: "recording rule", description: "Memory in use on each GPU or MIG instance whose DCGM series name no pod (ZombieGPUProcess)." },
  { name: METRIC.nodeGpuInstances, type: "gauge", unit: "GPUs", labels: ["node"], producer: "recording rule", description: "GPUs and MIG instances dcgm-exporter reports on each node (GPUFellOffBus, GPUPodMappingBroken)." },
  { name: METRIC.nodeGpuHeldSeries, type: "gauge", unit: "series", labels: ["node"], producer: "recording rule", description: "dcgm-exporter's utilisation series on each node that name a pod (a whole GPU's, a MIG instance's, or a pod's sharing a GPU); absent where none does (GPUPodMappingBroken)." },
  { name: METRIC.gpuEccDbeErrors, type: "counter", unit: "errors", labels: ["node", "gpu", "UUID", "modelName"], producer: "recording rule", description: "DCGM's volatile uncorrectable ECC count of each GPU, only where it is above 0: GPUEccUncorrectableErrors compares it with its own value 15 minutes earlier instead of reading every GPU's counter over 15 minutes." },
  { name: METRIC.gpuNvlinkCrcErrors, type: "counter", unit: "errors", labels: ["node", "gpu", "UUID", "modelName"], producer: "recording rule", description: "DCGM's NVLink CRC error count of each GPU, only where it is above 0 (GPUNVLinkErrors)." },
  { name: METRIC.gpuNvlinkReplayErrors, type: "counter", unit: "errors", labels: ["node", "gpu", "UUID", "modelName"], producer: "recording rule", description: "DCGM's NVLink replay count of each GPU, only where it is above 0 (GPUNVLinkErrors)." },
  { name: METRIC.lowUtilizationHolders, type: "gauge", unit: "percent", labels: ["node", "gpu", "UUID", "modelName", "GPU_I_PROFILE", "GPU_I_ID", "namespace", "pod", "container"], producer: "recording rule", description: "Average utilisation over gpu.lowUtilizationWindow of each GPU or MIG instance a pod holds, only where it is below gpu.lowUtilizationPercent (GPUUtilizationLow).", window: "1h" },
  { name: METRIC.countedGpuEnergyStep, type: "gauge", unit: "mJ", labels: byPhysicalGpu.filter((label) => label !== "method"), producer: "recording rule", description: "Increase of each physical GPU's energy counter over each accounting interval (4 minutes; the roll-up interval where that is longer), recorded at that interval: the hourly energy adds up the hour's 15 of these instead of reading an hour of every counter.", window: ACCOUNTING_INTERVAL },
  { name: METRIC.gpuTdpByModel, type: "gauge", unit: "W", labels: ["gpu_model"], producer: "recording rule", description: "Each GPU model's TDP as the cost exporter last published it within the hour: the TDP estimate multiplies every GPU's utilisation by it without an hour's range in the same query.", window: "1h" },
  { name: METRIC.uncountedGpuPower, type: "gauge", unit: "W", labels: byPhysicalGpu, producer: "recording rule", description: "Power of GPUs without an energy counter: the board power reading (`method=\"power\"`), else TDP x utilisation (`method=\"tdp_estimate\"`)." },
  { name: METRIC.holderGpuHours1h, type: "gauge", unit: "GPU-hours", labels: byHolder, producer: "recording rule", description: "GPU-hours of the last hour per holder: its share summed over the hour.", window: "1h" },
  { name: METRIC.physicalGpuEnergyKwh1h, type: "gauge", unit: "kWh", labels: byPhysicalGpu, producer: "recording rule", description: "Energy of each physical GPU in the last hour, counted once by exactly one `method`: `counter`, `power` or `tdp_estimate`.", window: "1h" },
  { name: METRIC.gpuEnergyKwh1h, type: "gauge", unit: "kWh", labels: [...byNamespaceAndModel, "method"], producer: "recording rule", description: "GPU (IT) energy of the last hour, before PUE: each GPU's energy split between its holders in proportion to their GPU-hours.", window: "1h" },
  { name: METRIC.hostEnergyKwh1h, type: "gauge", unit: "kWh", labels: ["namespace", "source"], producer: "recording rule", description: "CPU (`source=\"cpu\"`, RAPL package) and memory (`source=\"dram\"`) energy of the last hour from Kepler, before PUE (energy.kepler only): pods' active share per namespace, the nodes' idle share as `namespace=\"unallocated\"`.", window: "1h" },
  { name: METRIC.energyCostUsd1h, type: "gauge", unit: "USD", labels: [...byNamespaceAndModel, "source"], producer: "recording rule", description: "Energy cost of the last hour at the price in effect.", window: "1h" },
  { name: METRIC.gpuCostUsd1h, type: "gauge", unit: "USD", labels: byNamespaceAndModel, producer: "recording rule", description: "GPU-hours of the last hour at the hourly price of the model.", window: "1h" },
  { name: METRIC.gpuHours1h, type: "gauge", unit: "GPU-hours", labels: byNamespaceAndModel, producer: "recording rule", description: "GPU-hours of the last hour: each holder's share of its GPU for the part of the hour it was seen.", window: "1h" },
  { name: METRIC.gpuIdleHours1h, type: "gauge", unit: "GPU-hours", labels: byNamespaceAndModel, producer: "recording rule", description: "GPU-hours pods held in the last hour while utilisation was below gpu.lowUtilizationPercent.", window: "1h" },
  { name: METRIC.gpuIdleCostUsd1h, type: "gauge", unit: "USD", labels: byNamespaceAndModel, producer: "recording rule", description: "Idle GPU-hours of the last hour at the hourly price of the model.", window: "1h" },
];

