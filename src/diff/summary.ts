import type { EnvironmentCounts, EnvironmentDiff } from "./model.js";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "1 dashboard, 3 panels, 1 alert, 2 objects" — the parts that are not zero. */
export function formatCounts(counts: EnvironmentCounts): string {
  const parts = [
    counts.dashboards && plural(counts.dashboards, "dashboard"),
    counts.panels && plural(counts.panels, "panel"),
    counts.alerts && plural(counts.alerts, "alert"),
    counts.records && plural(counts.records, "recording rule"),
    counts.objects && plural(counts.objects, "object"),
  ].filter((part): part is string => typeof part === "string");
  return parts.length > 0 ? parts.join(", ") : "nothing";
}

/**
 * "1 alert changed", "formatting only (5 rules)", or both: rules whose expression changed in
 * formatting alone are named apart, so a re-indented rule file does not read as changed rules.
 */
export function changeSummary(counts: EnvironmentCounts): string {
  const changed = formatCounts(counts);
  const formatting = counts.formattingOnly > 0 ? `formatting only (${plural(counts.formattingOnly, "rule")})` : "";
  if (formatting === "") return `${changed} changed`;
  return changed === "nothing" ? formatting : `${changed} changed; ${formatting}`;
}

/** The one line of an environment: what changed in it, or that it appeared or went. */
export function summaryLine(environment: EnvironmentDiff): string {
  if (environment.status === "added") return `new environment (${formatCounts(environment.counts)})`;
  if (environment.status === "removed") return `environment removed (${formatCounts(environment.counts)})`;
  return changeSummary(environment.counts);
}
