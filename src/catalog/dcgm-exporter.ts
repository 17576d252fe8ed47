import { compareCodePoints } from "../config/code-point-order.js";
import type { MetricEntry } from "./types.js";

/**
 * Facts about dcgm-exporter's output that both the component configuring it and the rules reading
 * it need, kept in one place.
 */

/** Window over which `DCGM_EXP_XID_ERRORS_COUNT` counts each XID code (`--xid-count-window-size`). */
export const XID_COUNT_WINDOW_MINUTES = 15;

/** The same window in milliseconds, as `--xid-count-window-size` (and DCGM_EXPORTER_XID_COUNT_WINDOW_SIZE) take it. */
export const XID_COUNT_WINDOW_MS = XID_COUNT_WINDOW_MINUTES * 60 * 1000;

/**
 * Bits of `DCGM_FI_DEV_CLOCKS_EVENT_REASONS` that mean the GPU is being held back by its hardware,
 * by name (NVML's clocks event reasons). Left out on purpose: idle (0x1), application clocks
 * (0x2) and the software power cap (0x4), which a GPU under full load reaches by design.
 */
export const CLOCK_EVENT_REASONS: Readonly<Record<string, number>> = {
  hw_slowdown: 0x8,
  sw_thermal: 0x20,
  hw_thermal: 0x40,
  power_brake: 0x80,
};

/** The DCGM fields the stack reads: every metric of the catalog that dcgm-exporter produces. */
export function dcgmFields(catalog: readonly MetricEntry[]): MetricEntry[] {
  return catalog.filter((m) => m.producer === "dcgmExporter").sort((a, b) => compareCodePoints(a.name, b.name));
}

/**
 * The fields the NVIDIA GPU Operator's dcgm-exporter watches by default: its DaemonSet sets
 * `DCGM_EXPORTER_COLLECTORS=/etc/dcgm-exporter/dcp-metrics-included.csv` (gpu-operator v26.3.3
 * assets/state-dcgm-exporter/0800_daemonset.yaml), the image's own list (dcgm-exporter 4.5.3-4.8.2
 * etc/dcp-metrics-included.csv; the same at 4.4.2-4.7.0, which v25.10.1 ships). With
 * `gpu.exporter: existing` a field the rules read and this list lacks is never exported: the
 * alerts over it stay silent unless the ClusterPolicy names a field list of its own.
 */
export const GPU_OPERATOR_DEFAULT_FIELDS: readonly string[] = [
  "DCGM_FI_DEV_SM_CLOCK", "DCGM_FI_DEV_MEM_CLOCK", "DCGM_FI_DEV_MEMORY_TEMP", "DCGM_FI_DEV_GPU_TEMP",
  "DCGM_FI_DEV_POWER_USAGE", "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", "DCGM_FI_DEV_PCIE_REPLAY_COUNTER",
  "DCGM_FI_DEV_GPU_UTIL", "DCGM_FI_DEV_MEM_COPY_UTIL", "DCGM_FI_DEV_ENC_UTIL", "DCGM_FI_DEV_DEC_UTIL",
  "DCGM_FI_DEV_XID_ERRORS", "DCGM_FI_DEV_FB_FREE", "DCGM_FI_DEV_FB_USED", "DCGM_FI_DEV_FB_RESERVED",
  "DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL", "DCGM_FI_DEV_VGPU_LICENSE_STATUS", "DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS",
  "DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS", "DCGM_FI_DEV_ROW_REMAP_FAILURE", "DCGM_FI_DRIVER_VERSION",
  "DCGM_FI_PROF_GR_ENGINE_ACTIVE", "DCGM_FI_PROF_PIPE_TENSOR_ACTIVE", "DCGM_FI_PROF_DRAM_ACTIVE",
  "DCGM_FI_PROF_PCIE_TX_BYTES", "DCGM_FI_PROF_PCIE_RX_BYTES",
];

/**
 * How the GPU Operator takes a field list of its own: a ConfigMap in its namespace named by the
 * ClusterPolicy's `dcgmExporter.config.name` (Helm value of the same path), the list under this key,
 * mounted as `DCGM_EXPORTER_COLLECTORS` (gpu-operator v26.3.3 controllers/object_controls.go,
 * MetricsConfigFileName).
 */
export const GPU_OPERATOR_METRICS_CONFIG_KEY = "dcgm-metrics.csv";

