import type { MetricEntry } from "./types.js";

/** Field types dcgm-exporter's counters file accepts for a Prometheus series. */
const DCGM_TYPES: Partial<Record<MetricEntry["type"], string>> = { gauge: "gauge", counter: "counter" };

/** Fields that need DCGM's profiling module, and with it CAP_SYS_ADMIN in the exporter's container. */
export const DCGM_PROFILING_FIELD_PREFIX = "DCGM_FI_PROF_";

/**
 * dcgm-exporter's counters file (`-f`): one `FIELD, type, help` line per field, so the exporter
 * watches exactly the fields rules and dashboards use (each watched field costs DCGM polling time).
 */
export function dcgmCountersCsv(fields: readonly MetricEntry[]): string {
  const lines = fields.map((field) => {
    const type = DCGM_TYPES[field.type];
    // DCGM_FI_*: DCGM fields; DCGM_EXP_*: counts dcgm-exporter computes itself (XID errors per code).
    if (type === undefined || !/^DCGM_(FI|EXP)_/.test(field.name)) {
      throw new Error(`dcgm-exporter cannot export catalog metric ${field.name} (type: ${field.type})`);
    }
    // The file is comma-separated without quoting: a comma in the help text would add a column.
    const help = `${field.description} Unit: ${field.unit}.`.replaceAll(",", ";");
    return `${field.name}, ${type}, ${help}`;
  });
  return ["# DCGM field, Prometheus type, help (generated from the metric catalog)", ...lines, ""].join("\n");
}
