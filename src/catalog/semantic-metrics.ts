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

/**
 * GPU-hours per namespace and GPU model, the hourly roll-up the core pack records beside the
 * semantic layer and `nfops report` sums.
 */
export const GPU_HOURS_1H_METRIC = "namespace_gpu_model:nf_gpu_hours:sum1h";

/**
 * dcgm-exporter labels that identify a GPU (or a MIG instance of it: `GPU_I_PROFILE`, `GPU_I_ID`)
 * and who holds it; the per-GPU semantic series keep them.
 */
export const DCGM_LABELS: readonly string[] = ["node", "gpu", "UUID", "modelName", "GPU_I_PROFILE", "GPU_I_ID", "namespace", "pod", "container"];
/** `source` is `gpu`, or `cpu` / `dram` for Kepler's host energy (`energy.kepler`), which has no `gpu_model`. */
const byNamespaceModelAndSource = ["namespace", "gpu_model", "source"];

export const semanticMetrics: readonly MetricEntry[] = [
  { name: SEMANTIC_METRIC.gpuUtil, type: "gauge", unit: "percent", labels: DCGM_LABELS, producer: "recording rule", description: "GPU utilisation per GPU or MIG instance (for MIG instances from the graphics engine's active ratio)." },
  { name: SEMANTIC_METRIC.vramUsedGb, type: "gauge", unit: "GB (1e9 bytes)", labels: DCGM_LABELS, producer: "recording rule", description: "GPU memory used per GPU or MIG instance." },
  { name: SEMANTIC_METRIC.cpuPercent, type: "gauge", unit: "percent", labels: ["node"], producer: "recording rule", description: "CPU busy per node (all cores).", window: "5m" },
  { name: SEMANTIC_METRIC.ramUsedGb, type: "gauge", unit: "GB (1e9 bytes)", labels: ["node"], producer: "recording rule", description: "Memory in use per node (total - available)." },
  { name: SEMANTIC_METRIC.energyKwh, type: "gauge", unit: "kWh", labels: byNamespaceModelAndSource, producer: "recording rule", description: "Facility energy of the last hour: IT energy x PUE, where IT energy is GPU energy (`source=\"gpu\"`) and, with `energy.kepler`, CPU and DRAM energy. GPUs no pod holds count under namespace `unallocated`.", window: "1h" },
  { name: SEMANTIC_METRIC.costUsd, type: "gauge", unit: "USD", labels: byNamespaceModelAndSource, producer: "recording rule", description: "Cost of the last hour: energy cost plus (for `source=\"gpu\"`) GPU-hours at the hourly price.", window: "1h" },
  { name: SEMANTIC_METRIC.co2Kg, type: "gauge", unit: "kg CO2e", labels: byNamespaceModelAndSource, producer: "recording rule", description: "Emissions of the last hour: facility energy x grid carbon intensity.", window: "1h" },
];
