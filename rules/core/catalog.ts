import { DCGM_LABELS, SEMANTIC_METRIC, semanticMetrics } from "../../src/catalog/semantic-metrics.js";
import type { MetricEntry } from "../../src/catalog/types.js";
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
  dcgmXidErrors: "DCGM_FI_DEV_XID_ERRORS",
  // node-exporter
  nodeCpuSeconds: "node_cpu_seconds_total",
  nodeMemTotal: "node_memory_MemTotal_bytes",
  nodeMemAvailable: "node_memory_MemAvailable_bytes",
  nodeFsSize: "node_filesystem_size_bytes",
  nodeFsAvail: "node_filesystem_avail_bytes",
  nodeFsReadonly: "node_filesystem_readonly",
  // kube-state-metrics
  kubeNodeAllocatable: "kube_node_status_allocatable",
  // Prometheus and Alertmanager themselves
  up: "up",
  alerts: "ALERTS",
  ruleEvaluationFailures: "prometheus_rule_evaluation_failures_total",
  notificationsFailed: "alertmanager_notifications_failed_total",
  // intermediate recording rules (level:metric:operations)
  requestRate5m: requestRateMetric("5m"),
  errorRate5m: "namespace_service:nf_infer_errors:rate5m",
  latencyP95: "namespace_service:nf_infer_latency_ms:p95_rate5m",
  latencySlowRatio: "namespace_service:nf_infer_latency_slow:ratio_rate5m",
  gpuEnergyKwh1h: "namespace_gpu_model:nf_gpu_energy_kwh:increase1h",
  gpuHours1h: "namespace_gpu_model:nf_gpu_hours:sum1h",
  energyCostUsd1h: "namespace_gpu_model:nf_energy_cost_usd:sum1h",
  gpuCostUsd1h: "namespace_gpu_model:nf_gpu_cost_usd:sum1h",
} as const;

/** Request-rate recording rule of one window, e.g. `namespace_service:nf_infer_requests:rate1h`. */
export function requestRateMetric(window: string): string {
  return `namespace_service:nf_infer_requests:rate${window}`;
}

/** Error-ratio recording rule of one window, e.g. `namespace_service:nf_infer_error_ratio:rate1h`. */
export function errorRatioMetric(window: string): string {
  return `namespace_service:nf_infer_error_ratio:rate${window}`;
}

/** Windows of the multi-window multi-burn-rate alerts (SRE workbook, chapter 5). */
export const BURN_RATE_WINDOWS = ["5m", "30m", "1h", "2h", "6h", "1d", "3d"] as const;

const byNamespaceAndModel = ["namespace", "gpu_model"];
const byService = ["namespace", "service"];

export const coreMetrics: readonly MetricEntry[] = [
  { name: METRIC.inferLatencyMs, type: "histogram", unit: "ms", labels: ["namespace", "service", "model", "le"], producer: "inference services", description: "Request latency; buckets include 250." },
  { name: METRIC.inferRequests, type: "counter", unit: "requests", labels: ["namespace", "service", "model"], producer: "inference services", description: "Requests served." },
  { name: METRIC.inferErrors, type: "counter", unit: "requests", labels: ["namespace", "service", "model"], producer: "inference services", description: "Requests that failed; may not exist until the first error." },

  { name: METRIC.dcgmGpuUtil, type: "gauge", unit: "percent", labels: DCGM_LABELS, producer: "dcgmExporter", description: "GPU utilisation." },
  { name: METRIC.dcgmFbUsed, type: "gauge", unit: "MiB", labels: DCGM_LABELS, producer: "dcgmExporter", description: "Framebuffer memory used." },
  { name: METRIC.dcgmFbFree, type: "gauge", unit: "MiB", labels: DCGM_LABELS, producer: "dcgmExporter", description: "Framebuffer memory free." },
  { name: METRIC.dcgmPowerUsage, type: "gauge", unit: "W", labels: DCGM_LABELS, producer: "dcgmExporter", description: "Board power draw." },
  { name: METRIC.dcgmEnergy, type: "counter", unit: "mJ", labels: DCGM_LABELS, producer: "dcgmExporter", description: "Energy since the driver loaded; resets on reboot or driver reload." },
  { name: METRIC.dcgmGpuTemp, type: "gauge", unit: "degrees Celsius", labels: DCGM_LABELS, producer: "dcgmExporter", description: "GPU die temperature." },
  { name: METRIC.dcgmXidErrors, type: "gauge", unit: "XID code", labels: [...DCGM_LABELS, "err_code", "err_msg"], producer: "dcgmExporter", description: "Code of the last XID error (0 when none)." },

  { name: METRIC.nodeCpuSeconds, type: "counter", unit: "seconds", labels: ["node", "cpu", "mode"], producer: "nodeExporter", description: "CPU time per mode." },
  { name: METRIC.nodeMemTotal, type: "gauge", unit: "bytes", labels: ["node"], producer: "nodeExporter", description: "Physical memory." },
  { name: METRIC.nodeMemAvailable, type: "gauge", unit: "bytes", labels: ["node"], producer: "nodeExporter", description: "Memory available for new work." },
  { name: METRIC.nodeFsSize, type: "gauge", unit: "bytes", labels: ["node", "device", "fstype", "mountpoint"], producer: "nodeExporter", description: "Filesystem size." },
  { name: METRIC.nodeFsAvail, type: "gauge", unit: "bytes", labels: ["node", "device", "fstype", "mountpoint"], producer: "nodeExporter", description: "Filesystem space available to non-root users." },
  { name: METRIC.nodeFsReadonly, type: "gauge", unit: "boolean", labels: ["node", "device", "fstype", "mountpoint"], producer: "nodeExporter", description: "1 when the filesystem is mounted read-only." },

  { name: METRIC.kubeNodeAllocatable, type: "gauge", unit: "resource units", labels: ["node", "resource", "unit"], producer: "kubeStateMetrics", description: "Allocatable resources per node (`resource=\"nvidia_com_gpu\"` counts GPUs)." },

  ...exporterMetrics,

  { name: METRIC.up, type: "gauge", unit: "boolean", labels: ["job", "instance"], producer: "prometheus", description: "1 when the last scrape of the target succeeded." },
  { name: METRIC.alerts, type: "gauge", unit: "boolean", labels: ["alertname", "alertstate", "severity"], producer: "prometheus", description: "Pending and firing alerts." },
  { name: METRIC.ruleEvaluationFailures, type: "counter", unit: "evaluations", labels: ["rule_group"], producer: "prometheus", description: "Rule evaluations that failed." },
  { name: METRIC.notificationsFailed, type: "counter", unit: "notifications", labels: ["integration"], producer: "alertmanager", description: "Notifications that could not be delivered." },

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
  { name: METRIC.gpuEnergyKwh1h, type: "gauge", unit: "kWh", labels: byNamespaceAndModel, producer: "recording rule", description: "GPU (IT) energy of the last hour, before PUE.", window: "1h" },
  { name: METRIC.energyCostUsd1h, type: "gauge", unit: "USD", labels: byNamespaceAndModel, producer: "recording rule", description: "Energy cost of the last hour at the price in effect.", window: "1h" },
  { name: METRIC.gpuCostUsd1h, type: "gauge", unit: "USD", labels: byNamespaceAndModel, producer: "recording rule", description: "GPU-hours of the last hour at the hourly price of the model.", window: "1h" },
  { name: METRIC.gpuHours1h, type: "gauge", unit: "GPU-hours", labels: byNamespaceAndModel, producer: "recording rule", description: "GPU-hours of the last hour (each GPU counts for the share of the hour it was seen).", window: "1h" },
];
