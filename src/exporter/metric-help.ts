import { coreMetrics } from "../../rules/core/catalog.js";

/** HELP text of a metric we expose: its catalog description and unit, so docs and exposition agree. */
export function metricHelp(name: string): string {
  const entry = coreMetrics.find((m) => m.name === name);
  if (!entry) throw new Error(`metric ${name} is missing from the catalog`);
  return `${entry.description} Unit: ${entry.unit}.`;
}
