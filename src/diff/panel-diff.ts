import { changedPaths, isRecord, show } from "./changed-paths.js";
import { sameGrid, showGrid, type PanelEntry } from "./dashboard-panels.js";
import type { FieldChange, PanelChange } from "./model.js";
import { numberChanges, renderTokenDiff } from "./token-diff.js";

/** Fields compared one by one below; the rest of a panel is compared as a whole. */
const NAMED = ["id", "title", "type", "gridPos", "description", "targets", "panels"];

/** What changed in a panel matched on both sides; `undefined` when nothing did. */
export function diffPanel(before: PanelEntry, after: PanelEntry): PanelChange | undefined {
  const a = before.panel;
  const b = after.panel;
  const changes: FieldChange[] = [];
  if (before.title !== after.title) changes.push({ field: "title", before: before.title, after: after.title });
  if (before.type !== after.type) changes.push({ field: "type", before: before.type, after: after.type });
  if (a.description !== b.description) changes.push(textChange("description", a.description, b.description));
  changes.push(...targetChanges(a.targets, b.targets));
  changes.push(...fieldConfigChanges(a.fieldConfig, b.fieldConfig));
  const rest = (panel: Record<string, unknown>) => Object.fromEntries(Object.entries(panel).filter(([key]) => !NAMED.includes(key) && key !== "fieldConfig"));
  for (const change of changedPaths(rest(a), rest(b), 3)) changes.push({ field: change.path, before: show(change.before), after: show(change.after) });
  const moved = !sameGrid(before.gridPos, after.gridPos);
  if (!moved && changes.length === 0) return undefined;
  const kind = changes.length === 0 ? "moved" : "changed";
  const grid = moved ? { before: before.gridPos, after: after.gridPos } : {};
  if (moved && kind === "changed") changes.unshift({ field: "grid", before: showGrid(before.gridPos), after: showGrid(after.gridPos) });
  const newKey = after.key !== before.key ? { newKey: after.key } : {};
  return { kind, key: before.key, ...newKey, type: after.type, ...grid, changes };
}

/** A changed sentence or query: old → new when short, a word diff when long. */
export function textChange(field: string, before: unknown, after: unknown): FieldChange {
  const a = typeof before === "string" ? before : show(before);
  const b = typeof after === "string" ? after : show(after);
  if (before === undefined || after === undefined || (a.length <= 60 && b.length <= 60)) return { field, before: show(before), after: show(after) };
  return { field, tokens: renderTokenDiff(a, b) };
}

function targetChanges(before: unknown, after: unknown): FieldChange[] {
  const byRef = (targets: unknown) => new Map((Array.isArray(targets) ? targets.filter(isRecord) : []).map((t, i) => [String(t.refId ?? i), t]));
  const a = byRef(before);
  const b = byRef(after);
  const changes: FieldChange[] = [];
  for (const [refId, target] of a) if (!b.has(refId)) changes.push({ field: `query ${refId}`, before: show(target.expr ?? target.query), after: "(removed)" });
  for (const [refId, target] of b) {
    const old = a.get(refId);
    if (!old) {
      changes.push({ field: `query ${refId}`, before: "(added)", after: show(target.expr ?? target.query) });
      continue;
    }
    const oldExpr = String(old.expr ?? old.query ?? "");
    const newExpr = String(target.expr ?? target.query ?? "");
    if (oldExpr !== newExpr) changes.push(queryChange(`query ${refId}`, oldExpr, newExpr));
    const rest = (t: Record<string, unknown>) => Object.fromEntries(Object.entries(t).filter(([key]) => key !== "expr" && key !== "query"));
    for (const change of changedPaths(rest(old), rest(target), 2)) changes.push({ field: `query ${refId} ${change.path}`, before: show(change.before), after: show(change.after) });
  }
  return changes;
}

/** A query or rule expression: token diff, plus `old → new` when the change is only numbers (a threshold). */
export function queryChange(field: string, before: string, after: string): FieldChange {
  const numbers = numberChanges(before, after);
  const tokens = renderTokenDiff(before, after);
  if (numbers) return { field, before: numbers.map(([old]) => old).join(", "), after: numbers.map(([, now]) => now).join(", "), tokens };
  return { field, tokens };
}

function fieldConfigChanges(before: unknown, after: unknown): FieldChange[] {
  const defaults = (config: unknown) => (isRecord(config) && isRecord(config.defaults) ? config.defaults : {});
  const a = defaults(before);
  const b = defaults(after);
  const changes: FieldChange[] = [];
  if (a.unit !== b.unit) changes.push({ field: "unit", before: show(a.unit), after: show(b.unit) });
  const thresholds = (value: unknown) => (isRecord(value) && Array.isArray(value.steps) ? value.steps.filter(isRecord).map((step) => `${String(step.color)} ${step.value === null ? "base" : String(step.value)}`).join(", ") : "(none)");
  if (thresholds(a.thresholds) !== thresholds(b.thresholds)) changes.push({ field: "thresholds", before: thresholds(a.thresholds), after: thresholds(b.thresholds) });
  const rest = (config: unknown) => {
    const { unit: _unit, thresholds: _thresholds, ...others } = defaults(config);
    return { ...(isRecord(config) ? config : {}), defaults: others };
  };
  for (const change of changedPaths(rest(before), rest(after), 4)) changes.push({ field: `fieldConfig.${change.path}`, before: show(change.before), after: show(change.after) });
  return changes;
}
