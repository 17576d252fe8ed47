import { changedPaths, isRecord, show } from "./changed-paths.js";
import { dashboardPanels, panelQueries, sameGrid, type PanelEntry } from "./dashboard-panels.js";
import type { DashboardChange, FieldChange, PanelChange } from "./model.js";
import { diffPanel, queryChange, textChange } from "./panel-diff.js";

/** Dashboard fields compared one by one; the rest (refresh, time, settings) is compared as a whole. */
const NAMED = ["uid", "title", "description", "tags", "panels", "templating", "links", "id", "version"];

/** What changed between two renderings of the dashboard with one uid; `undefined` when nothing did. */
export function diffDashboard(uid: string, before: Record<string, unknown>, after: Record<string, unknown>): DashboardChange | undefined {
  const changes: FieldChange[] = [];
  if (before.title !== after.title) changes.push({ field: "title", before: show(before.title), after: show(after.title) });
  if (before.description !== after.description) changes.push(textChange("description", before.description, after.description));
  if (show(before.tags) !== show(after.tags)) changes.push({ field: "tags", before: show(before.tags), after: show(after.tags) });
  changes.push(...namedListChanges("variable", variables(before), variables(after), "name"));
  changes.push(...namedListChanges("link", list(before.links), list(after.links), "title"));
  const rest = (d: Record<string, unknown>) => Object.fromEntries(Object.entries(d).filter(([key]) => !NAMED.includes(key)));
  for (const change of changedPaths(rest(before), rest(after), 3)) changes.push({ field: change.path, before: show(change.before), after: show(change.after) });
  const panels = diffPanels(dashboardPanels(before), dashboardPanels(after));
  if (changes.length === 0 && panels.length === 0) return undefined;
  return { kind: "changed", uid, title: String(after.title ?? uid), changes, panels };
}

/**
 * Panels are paired by key (row and title). What is left is paired when a panel kept its type and
 * either its queries or its place in the same row, so a retitled panel is a retitle, not a removal
 * and an addition; only what still has no partner is added or removed.
 */
export function diffPanels(before: readonly PanelEntry[], after: readonly PanelEntry[]): PanelChange[] {
  const pairs: Array<[PanelEntry, PanelEntry]> = [];
  const leftBefore = new Set(before);
  const leftAfter = new Set(after);
  const pair = (matches: (a: PanelEntry, b: PanelEntry) => boolean) => {
    for (const b of [...leftAfter]) {
      const a = [...leftBefore].find((candidate) => matches(candidate, b));
      if (!a) continue;
      pairs.push([a, b]);
      leftBefore.delete(a);
      leftAfter.delete(b);
    }
  };
  pair((a, b) => a.key === b.key);
  pair((a, b) => a.type === b.type && a.type !== "row" && panelQueries(a.panel) !== "" && panelQueries(a.panel) === panelQueries(b.panel));
  pair((a, b) => a.type === b.type && a.row === b.row && sameGrid(a.gridPos, b.gridPos));
  const changes: PanelChange[] = [];
  for (const a of leftBefore) changes.push({ kind: "removed", key: a.key, type: a.type, before: a.gridPos, changes: [] });
  // Reading order of the new layout, whatever the order of the JSON.
  pairs.sort(([, x], [, y]) => x.gridPos.y - y.gridPos.y || x.gridPos.x - y.gridPos.x);
  for (const [a, b] of pairs) {
    const change = diffPanel(a, b);
    if (change) changes.push(change);
  }
  for (const b of leftAfter) changes.push({ kind: "added", key: b.key, type: b.type, after: b.gridPos, changes: [] });
  return changes;
}

const list = (value: unknown) => (Array.isArray(value) ? value.filter(isRecord) : []);
const variables = (dashboard: Record<string, unknown>) => list(isRecord(dashboard.templating) ? dashboard.templating.list : undefined);

/** Variables by name, links by title: added, removed, and for changed ones the query (token diff) and other fields. */
function namedListChanges(what: string, before: Array<Record<string, unknown>>, after: Array<Record<string, unknown>>, nameKey: string): FieldChange[] {
  const byName = (items: Array<Record<string, unknown>>) => new Map(items.map((item, index) => [String(item[nameKey] ?? `#${index + 1}`), item]));
  const a = byName(before);
  const b = byName(after);
  const changes: FieldChange[] = [];
  for (const name of a.keys()) if (!b.has(name)) changes.push({ field: `${what} ${name}`, before: "present", after: "(removed)" });
  for (const [name, item] of b) {
    const old = a.get(name);
    if (!old) {
      changes.push({ field: `${what} ${name}`, before: "(none)", after: "added" });
      continue;
    }
    if (typeof old.query === "string" && typeof item.query === "string" && old.query !== item.query) changes.push(queryChange(`${what} ${name} query`, old.query, item.query));
    const rest = (v: Record<string, unknown>) => Object.fromEntries(Object.entries(v).filter(([key]) => key !== "query" && key !== "definition" && key !== "current" && key !== "options"));
    for (const change of changedPaths(rest(old), rest(item), 2)) changes.push({ field: `${what} ${name} ${change.path}`, before: show(change.before), after: show(change.after) });
  }
  return changes;
}
