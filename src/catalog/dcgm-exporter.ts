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
