import type { MetricEntry } from "./types.js";

const HISTOGRAM_SUFFIXES = ["_bucket", "_sum", "_count"] as const;

/** The catalog entry of a series name, resolving histogram `_bucket/_sum/_count` and summary `_sum/_count` to their base. */
export function findMetric(catalog: readonly MetricEntry[], series: string): MetricEntry | undefined {
  const direct = catalog.find((m) => m.name === series);
  if (direct) return direct;
  for (const suffix of HISTOGRAM_SUFFIXES) {
    if (!series.endsWith(suffix)) continue;
    const base = catalog.find((m) => m.name === series.slice(0, -suffix.length) && (m.type === "histogram" || (m.type === "summary" && suffix !== "_bucket")));
    if (base) return base;
  }
  return undefined;
}
