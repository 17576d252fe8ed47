import { coreMetrics } from "../../rules/core/catalog.js";
import type { MetricEntry } from "./types.js";

export type { MetricEntry, Producer } from "./types.js";

/** Every metric any rule or dashboard of any pack may read. Tests check queries against it. */
export const metricCatalog: readonly MetricEntry[] = [...coreMetrics];

const HISTOGRAM_SUFFIXES = ["_bucket", "_sum", "_count"] as const;

/** The catalog entry of a series name, resolving histogram `_bucket/_sum/_count` to their base. */
export function findMetric(series: string): MetricEntry | undefined {
  const direct = metricCatalog.find((m) => m.name === series);
  if (direct) return direct;
  for (const suffix of HISTOGRAM_SUFFIXES) {
    if (!series.endsWith(suffix)) continue;
    const base = metricCatalog.find((m) => m.name === series.slice(0, -suffix.length) && m.type === "histogram");
    if (base) return base;
  }
  return undefined;
}
