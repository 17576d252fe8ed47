import type { Report } from "./report.js";

/**
 * The report as JSON for scripts: the figures unrounded, `null` where a metric has no series for a
 * row (unknown, not zero), and `status: "no data"` with the missing metrics for an empty section.
 */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
