import type { MetricEntry } from "./types.js";

/**
 * The semantic layer whose names the original system fixed (`nf_gpu_util`, `nf_cost_usd`, …): the
 * core pack's recording rules produce them and `nfops collect` writes the host-level ones, so both
 * take the names from here.
 */
export const SEMANTIC_METRIC = {
  gpuUtil: "nf_gpu_util",
  vramUsedGb: "nf_vram_used_gb",
  cpuPercent: "nf_cpu_percent",
  ramUsedGb: "nf_ram_used_gb",
  energyKwh: "codecarbon_energy_kwh",
  costUsd: "nf_cost_usd",
  co2Kg: "nf_co2_kg",
} as const;

/** dcgm-exporter labels that identify a GPU and who holds it; the per-GPU semantic series keep them. */
export const DCGM_LABELS: readonly string[] = ["node", "gpu", "UUID", "modelName", "namespace", "pod", "container"];
const byNamespaceAndModel = ["namespace", "gpu_model"];

export const semanticMetrics: readonly MetricEntry[] = [
  { name: SEMANTIC_METRIC.gpuUtil, type: "gauge", unit: "percent", labels: DCGM_LABELS, producer: "recording rule", description: "GPU utilisation per GPU." },
  { name: SEMANTIC_METRIC.vramUsedGb, type: "gauge", unit: "GB (1e9 bytes)", labels: DCGM_LABELS, producer: "recording rule", description: "GPU memory used per GPU." },
  { name: SEMANTIC_METRIC.cpuPercent, type: "gauge", unit: "percent", labels: ["node"], producer: "recording rule", description: "CPU busy per node (all cores).", window: "5m" },
  { name: SEMANTIC_METRIC.ramUsedGb, type: "gauge", unit: "GB (1e9 bytes)", labels: ["node"], producer: "recording rule", description: "Memory in use per node (total - available)." },
  { name: SEMANTIC_METRIC.energyKwh, type: "gauge", unit: "kWh", labels: byNamespaceAndModel, producer: "recording rule", description: "Facility energy of the last hour: GPU energy x PUE. GPUs no pod holds count under namespace `unallocated`.", window: "1h" },
  { name: SEMANTIC_METRIC.costUsd, type: "gauge", unit: "USD", labels: byNamespaceAndModel, producer: "recording rule", description: "Cost of the last hour: energy cost plus GPU-hours at the hourly price.", window: "1h" },
  { name: SEMANTIC_METRIC.co2Kg, type: "gauge", unit: "kg CO2e", labels: byNamespaceAndModel, producer: "recording rule", description: "Emissions of the last hour: facility energy x grid carbon intensity.", window: "1h" },
];
