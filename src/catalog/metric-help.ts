import type { MetricEntry } from "./types.js";

/** HELP text of a metric we expose: its catalog description and unit, so docs and exposition agree. */
export function metricHelp(catalog: readonly MetricEntry[], name: string): string {
  const entry = catalog.find((m) => m.name === name);
  if (!entry) throw new Error(`metric ${name} is missing from the catalog`);
  return `${entry.description} Unit: ${entry.unit}.`;
}
