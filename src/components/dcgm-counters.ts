import { compareCodePoints } from "../config/code-point-order.js";
import type { MetricEntry } from "../catalog/types.js";

/** Field types dcgm-exporter's counters file accepts for a Prometheus series. */
const DCGM_TYPES: Partial<Record<MetricEntry["type"], string>> = { gauge: "gauge", counter: "counter" };

/** Fields that need DCGM's profiling module, and with it CAP_SYS_ADMIN in the exporter's container. */
export const DCGM_PROFILING_FIELD_PREFIX = "DCGM_FI_PROF_";

/** The DCGM fields the stack reads: every metric of the catalog that dcgm-exporter produces. */
export function dcgmFields(catalog: readonly MetricEntry[]): MetricEntry[] {
  return catalog.filter((m) => m.producer === "dcgmExporter").sort((a, b) => compareCodePoints(a.name, b.name));
}

/**
 * dcgm-exporter's counters file (`-f`): one `FIELD, type, help` line per field, so the exporter
 * watches exactly the fields rules and dashboards use (each watched field costs DCGM polling time).
 */
export function dcgmCountersCsv(fields: readonly MetricEntry[]): string {
  const lines = fields.map((field) => {
    const type = DCGM_TYPES[field.type];
    if (type === undefined || !field.name.startsWith("DCGM_FI_")) {
      throw new Error(`dcgm-exporter cannot export catalog metric ${field.name} (type: ${field.type})`);
    }
    // The file is comma-separated without quoting: a comma in the help text would add a column.
    const help = `${field.description} Unit: ${field.unit}.`.replaceAll(",", ";");
    return `${field.name}, ${type}, ${help}`;
  });
  return ["# DCGM field, Prometheus type, help (generated from the metric catalog)", ...lines, ""].join("\n");
}
