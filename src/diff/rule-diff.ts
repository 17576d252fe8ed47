import { changedPaths, isRecord, show } from "./changed-paths.js";
import type { FieldChange, RuleChange } from "./model.js";
import { queryChange, textChange } from "./panel-diff.js";
import { promqlShape } from "./promql-shape.js";

interface RuleEntry {
  readonly key: string;
  readonly rule: "alert" | "record";
  readonly name: string;
  readonly group: string;
  readonly body: Record<string, unknown>;
}

/** Parsed rule files (`file name → { groups }`) of one environment. */
export type RuleFiles = ReadonlyMap<string, unknown>;

/**
 * Every rule of an environment keyed by kind and name; recording rules that share a name (one per
 * label set) are told apart by their labels. The file and group are shown, not part of the key, so a
 * rule moved between groups is a change of group rather than a removal and an addition.
 */
function ruleEntries(files: RuleFiles): Map<string, RuleEntry> {
  const entries = new Map<string, RuleEntry>();
  for (const [file, content] of files) {
    const groups = isRecord(content) && Array.isArray(content.groups) ? content.groups.filter(isRecord) : [];
    for (const group of groups) {
      for (const body of Array.isArray(group.rules) ? group.rules.filter(isRecord) : []) {
        const rule = typeof body.alert === "string" ? "alert" : "record";
        const name = String(body.alert ?? body.record ?? "(unnamed)");
        let key = `${rule}:${name}`;
        if (entries.has(key)) key += ` ${show(body.labels ?? {}, 1000)}`;
        for (let n = 2; entries.has(key); n++) key = `${rule}:${name} #${n}`;
        entries.set(key, { key, rule, name, group: `${file} / ${String(group.name ?? "")}`, body });
      }
    }
  }
  return entries;
}

export function diffRules(before: RuleFiles, after: RuleFiles): RuleChange[] {
  const a = ruleEntries(before);
  const b = ruleEntries(after);
  const changes: RuleChange[] = [];
  for (const [key, old] of a) if (!b.has(key)) changes.push({ kind: "removed", rule: old.rule, name: old.name, group: old.group, changes: [] });
  for (const [key, rule] of b) {
    const old = a.get(key);
    if (!old) {
      changes.push({ kind: "added", rule: rule.rule, name: rule.name, group: rule.group, changes: [] });
      continue;
    }
    const fields = ruleFieldChanges(old, rule);
    if (fields.length === 0) continue;
    const kind = fields.length === 1 && fields[0] === FORMATTING_ONLY ? "formatting" : "changed";
    changes.push({ kind, rule: rule.rule, name: rule.name, group: rule.group, changes: fields });
  }
  return changes;
}

function ruleFieldChanges(before: RuleEntry, after: RuleEntry): FieldChange[] {
  const a = before.body;
  const b = after.body;
  const changes: FieldChange[] = [];
  if (before.group !== after.group) changes.push({ field: "group", before: before.group, after: after.group });
  if (a.expr !== b.expr) changes.push(exprChange(String(a.expr ?? ""), String(b.expr ?? "")));
  for (const field of ["for", "keep_firing_for"]) if (a[field] !== b[field]) changes.push({ field, before: show(a[field]), after: show(b[field]) });
  changes.push(...mapChanges("label", a.labels, b.labels), ...mapChanges("annotation", a.annotations, b.annotations));
  const rest = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).filter(([key]) => !["alert", "record", "expr", "for", "keep_firing_for", "labels", "annotations"].includes(key)));
  for (const change of changedPaths(rest(a), rest(b), 2)) changes.push({ field: change.path, before: show(change.before), after: show(change.after) });
  return changes;
}

/** An expression whose text changed but whose parse tree did not (whitespace, comments, parentheses, keyword case…). */
const FORMATTING_ONLY: FieldChange = { field: "expr", tokens: "formatting only (same PromQL parse tree)" };

/**
 * A changed expression, compared by its PromQL parse tree first. When a side does not parse, its
 * text is compared and the field says so, so nobody reads a typo as a formatting change.
 */
function exprChange(before: string, after: string): FieldChange {
  const [a, b] = [promqlShape(before), promqlShape(after)];
  if (a !== undefined && b !== undefined) return a === b ? FORMATTING_ONLY : queryChange("expr", before, after);
  const side = a === undefined && b === undefined ? "either side" : a === undefined ? "the base side" : "the head side";
  return queryChange(`expr (not valid PromQL on ${side}, compared as text)`, before, after);
}

/** Labels and annotations key by key; long texts (descriptions) as a word diff. */
function mapChanges(what: string, before: unknown, after: unknown): FieldChange[] {
  const a = isRecord(before) ? before : {};
  const b = isRecord(after) ? after : {};
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((key) => a[key] !== b[key]).map((key) => textChange(`${what} ${key}`, a[key], b[key]));
}
