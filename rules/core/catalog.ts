import type { MetricEntry } from "../../src/catalog/types.js";

/**
 * Metric names of the core pack. Rules and dashboards refer to these constants, never to string
 * literals, so a rename is one edit and the catalog below cannot miss a metric that is used.
 */
export const METRIC = {
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
  // cost exporter
  electricityPrice: "nf_electricity_price_usd_per_kwh",
  carbonIntensity: "nf_grid_carbon_intensity_g_per_kwh",
  pue: "nf_datacenter_pue",
  gpuPrice: "nf_gpu_price_usd_per_hour",
  exporterPricingInfo: "nf_cost_exporter_pricing_info",
  exporterLastReload: "nf_cost_exporter_last_reload_success_timestamp_seconds",
  exporterReloadErrors: "nf_cost_exporter_reload_errors_total",
  exporterCarbonProviderErrors: "nf_cost_exporter_carbon_provider_errors_total",
  // Prometheus and Alertmanager themselves
  up: "up",
  alerts: "ALERTS",
  ruleEvaluationFailures: "prometheus_rule_evaluation_failures_total",
  notificationsFailed: "alertmanager_notifications_failed_total",
  // semantic layer (names fixed by the original system)
  gpuUtil: "nf_gpu_util",
  vramUsedGb: "nf_vram_used_gb",
  cpuPercent: "nf_cpu_percent",
  ramUsedGb: "nf_ram_used_gb",
  energyKwh: "codecarbon_energy_kwh",
  costUsd: "nf_cost_usd",
  co2Kg: "nf_co2_kg",
  // intermediate recording rules (level:metric:operations)
  requestRate5m: "namespace_service:nf_infer_requests:rate5m",
  errorRate5m: "namespace_service:nf_infer_errors:rate5m",
  latencyP95: "namespace_service:nf_infer_latency_ms:p95_rate5m",
  latencySlowRatio: "namespace_service:nf_infer_latency_slow:ratio_rate5m",
  gpuEnergyKwh1h: "namespace_gpu_model:nf_gpu_energy_kwh:increase1h",
  gpuHours1h: "namespace_gpu_model:nf_gpu_hours:sum1h",
  energyCostUsd1h: "namespace_gpu_model:nf_energy_cost_usd:sum1h",
  gpuCostUsd1h: "namespace_gpu_model:nf_gpu_cost_usd:sum1h",
} as const;

/** Error-ratio recording rule of one window, e.g. `namespace_service:nf_infer_error_ratio:rate1h`. */
export function errorRatioMetric(window: string): string {
  return `namespace_service:nf_infer_error_ratio:rate${window}`;
}

/** Windows of the multi-window multi-burn-rate alerts (SRE workbook, chapter 5). */
export const BURN_RATE_WINDOWS = ["5m", "30m", "1h", "2h", "6h", "1d", "3d"] as const;

const dcgmLabels = ["node", "gpu", "UUID", "modelName", "namespace", "pod", "container"];
const byNamespaceAndModel = ["namespace", "gpu_model"];
const byService = ["namespace", "service"];

export const coreMetrics: readonly MetricEntry[] = [
  { name: METRIC.inferLatencyMs, type: "histogram", unit: "ms", labels: ["namespace", "service", "model", "le"], producer: "inference services", description: "Request latency; buckets include 250." },
  { name: METRIC.inferRequests, type: "counter", unit: "requests", labels: ["namespace", "service", "model"], producer: "inference services", description: "Requests served." },
  { name: METRIC.inferErrors, type: "counter", unit: "requests", labels: ["namespace", "service", "model"], producer: "inference services", description: "Requests that failed; may not exist until the first error." },

  { name: METRIC.dcgmGpuUtil, type: "gauge", unit: "percent", labels: dcgmLabels, producer: "dcgm-exporter", description: "GPU utilisation." },
  { name: METRIC.dcgmFbUsed, type: "gauge", unit: "MiB", labels: dcgmLabels, producer: "dcgm-exporter", description: "Framebuffer memory used." },
  { name: METRIC.dcgmFbFree, type: "gauge", unit: "MiB", labels: dcgmLabels, producer: "dcgm-exporter", description: "Framebuffer memory free." },
  { name: METRIC.dcgmPowerUsage, type: "gauge", unit: "W", labels: dcgmLabels, producer: "dcgm-exporter", description: "Board power draw." },
  { name: METRIC.dcgmEnergy, type: "counter", unit: "mJ", labels: dcgmLabels, producer: "dcgm-exporter", description: "Energy since the driver loaded; resets on reboot or driver reload." },
  { name: METRIC.dcgmGpuTemp, type: "gauge", unit: "degrees Celsius", labels: dcgmLabels, producer: "dcgm-exporter", description: "GPU die temperature." },
  { name: METRIC.dcgmXidErrors, type: "gauge", unit: "XID code", labels: [...dcgmLabels, "err_code", "err_msg"], producer: "dcgm-exporter", description: "Code of the last XID error (0 when none)." },

  { name: METRIC.nodeCpuSeconds, type: "counter", unit: "seconds", labels: ["node", "cpu", "mode"], producer: "node-exporter", description: "CPU time per mode." },
  { name: METRIC.nodeMemTotal, type: "gauge", unit: "bytes", labels: ["node"], producer: "node-exporter", description: "Physical memory." },
  { name: METRIC.nodeMemAvailable, type: "gauge", unit: "bytes", labels: ["node"], producer: "node-exporter", description: "Memory available for new work." },
  { name: METRIC.nodeFsSize, type: "gauge", unit: "bytes", labels: ["node", "device", "fstype", "mountpoint"], producer: "node-exporter", description: "Filesystem size." },
  { name: METRIC.nodeFsAvail, type: "gauge", unit: "bytes", labels: ["node", "device", "fstype", "mountpoint"], producer: "node-exporter", description: "Filesystem space available to non-root users." },
  { name: METRIC.nodeFsReadonly, type: "gauge", unit: "boolean", labels: ["node", "device", "fstype", "mountpoint"], producer: "node-exporter", description: "1 when the filesystem is mounted read-only." },

  { name: METRIC.kubeNodeAllocatable, type: "gauge", unit: "resource units", labels: ["node", "resource", "unit"], producer: "kube-state-metrics", description: "Allocatable resources per node (`resource=\"nvidia_com_gpu\"` counts GPUs)." },

  { name: METRIC.electricityPrice, type: "gauge", unit: "USD/kWh", labels: ["region"], producer: "cost exporter", description: "Electricity price in effect now (time-of-use aware)." },
  { name: METRIC.carbonIntensity, type: "gauge", unit: "g CO2e/kWh", labels: ["region"], producer: "cost exporter", description: "Grid carbon intensity (live when configured, else static)." },
  { name: METRIC.pue, type: "gauge", unit: "ratio", labels: ["region"], producer: "cost exporter", description: "Data-centre power usage effectiveness." },
  { name: METRIC.gpuPrice, type: "gauge", unit: "USD/h", labels: ["gpu_model", "gpu_type"], producer: "cost exporter", description: "Hourly price of one GPU; `gpu_model` equals DCGM's `modelName`." },
  { name: METRIC.exporterPricingInfo, type: "info", unit: "info", labels: ["electricity_date", "gpu_date", "sha256"], producer: "cost exporter", description: "Which pricing is loaded." },
  { name: METRIC.exporterLastReload, type: "gauge", unit: "Unix seconds", labels: [], producer: "cost exporter", description: "Time of the last successful pricing load." },
  { name: METRIC.exporterReloadErrors, type: "counter", unit: "errors", labels: [], producer: "cost exporter", description: "Pricing reloads rejected as invalid." },
  { name: METRIC.exporterCarbonProviderErrors, type: "counter", unit: "errors", labels: [], producer: "cost exporter", description: "Live carbon-intensity requests that failed or timed out (the static figure was published instead)." },

  { name: METRIC.up, type: "gauge", unit: "boolean", labels: ["job", "instance"], producer: "prometheus", description: "1 when the last scrape of the target succeeded." },
  { name: METRIC.alerts, type: "gauge", unit: "boolean", labels: ["alertname", "alertstate", "severity"], producer: "prometheus", description: "Pending and firing alerts." },
  { name: METRIC.ruleEvaluationFailures, type: "counter", unit: "evaluations", labels: ["rule_group"], producer: "prometheus", description: "Rule evaluations that failed." },
  { name: METRIC.notificationsFailed, type: "counter", unit: "notifications", labels: ["integration"], producer: "alertmanager", description: "Notifications that could not be delivered." },

  { name: METRIC.gpuUtil, type: "gauge", unit: "percent", labels: dcgmLabels, producer: "recording rule", description: "GPU utilisation per GPU." },
  { name: METRIC.vramUsedGb, type: "gauge", unit: "GB (1e9 bytes)", labels: dcgmLabels, producer: "recording rule", description: "GPU memory used per GPU." },
  { name: METRIC.cpuPercent, type: "gauge", unit: "percent", labels: ["node"], producer: "recording rule", description: "CPU busy per node (all cores).", window: "5m" },
  { name: METRIC.ramUsedGb, type: "gauge", unit: "GB (1e9 bytes)", labels: ["node"], producer: "recording rule", description: "Memory in use per node (total - available)." },
  { name: METRIC.energyKwh, type: "gauge", unit: "kWh", labels: byNamespaceAndModel, producer: "recording rule", description: "Facility energy of the last hour: GPU energy x PUE. GPUs no pod holds count under namespace `unallocated`.", window: "1h" },
  { name: METRIC.costUsd, type: "gauge", unit: "USD", labels: byNamespaceAndModel, producer: "recording rule", description: "Cost of the last hour: energy cost plus GPU-hours at the hourly price.", window: "1h" },
  { name: METRIC.co2Kg, type: "gauge", unit: "kg CO2e", labels: byNamespaceAndModel, producer: "recording rule", description: "Emissions of the last hour: facility energy x grid carbon intensity.", window: "1h" },

  { name: METRIC.requestRate5m, type: "gauge", unit: "requests/s", labels: byService, producer: "recording rule", description: "Request rate.", window: "5m" },
  { name: METRIC.errorRate5m, type: "gauge", unit: "requests/s", labels: byService, producer: "recording rule", description: "Failed-request rate.", window: "5m" },
  { name: METRIC.latencyP95, type: "gauge", unit: "ms", labels: byService, producer: "recording rule", description: "p95 latency.", window: "5m" },
  { name: METRIC.latencySlowRatio, type: "gauge", unit: "ratio", labels: byService, producer: "recording rule", description: "Share of requests slower than the latency objective.", window: "5m" },
  ...BURN_RATE_WINDOWS.map(
    (window): MetricEntry => ({ name: errorRatioMetric(window), type: "gauge", unit: "ratio", labels: byService, producer: "recording rule", description: `Failed / all requests over ${window}.`, window }),
  ),
  { name: METRIC.gpuEnergyKwh1h, type: "gauge", unit: "kWh", labels: byNamespaceAndModel, producer: "recording rule", description: "GPU (IT) energy of the last hour, before PUE.", window: "1h" },
  { name: METRIC.energyCostUsd1h, type: "gauge", unit: "USD", labels: byNamespaceAndModel, producer: "recording rule", description: "Energy cost of the last hour at the price in effect.", window: "1h" },
  { name: METRIC.gpuCostUsd1h, type: "gauge", unit: "USD", labels: byNamespaceAndModel, producer: "recording rule", description: "GPU-hours of the last hour at the hourly price of the model.", window: "1h" },
  { name: METRIC.gpuHours1h, type: "gauge", unit: "GPU-hours", labels: byNamespaceAndModel, producer: "recording rule", description: "GPU-hours of the last hour (each GPU counts for the share of the hour it was seen).", window: "1h" },
];
