import { parse } from "yaml";
import { compareCodePoints } from "../config/code-point-order.js";
import { diffDashboard } from "./dashboard-diff.js";
import { dashboardPanels } from "./dashboard-panels.js";
import { diffManifests, withoutHeader } from "./manifest-diff.js";
import type { DashboardChange, EnvironmentCounts, EnvironmentDiff, OutputTree } from "./model.js";
import { diffRules } from "./rule-diff.js";

/** The files of one environment (`dist/<env>/…`), by path relative to the environment's directory. */
export function environmentFiles(tree: OutputTree, environment: string): Map<string, string> {
  const prefix = `${environment}/`;
  const files = new Map<string, string>();
  for (const [path, text] of tree) if (path.startsWith(prefix)) files.set(path.slice(prefix.length), text);
  return files;
}

/** The environments of a tree: its top-level directories that hold generated output (not `schemas/`). */
export function environmentNames(tree: OutputTree): string[] {
  const names = new Set<string>();
  for (const path of tree.keys()) {
    const [name, folder] = path.split("/");
    if (name && (folder === "manifests" || folder === "rules" || folder === "dashboards")) names.add(name);
  }
  return [...names].sort(compareCodePoints);
}

const under = (files: ReadonlyMap<string, string>, folder: string) => new Map([...files].filter(([path]) => path.startsWith(`${folder}/`)));

export function diffEnvironment(name: string, before: ReadonlyMap<string, string> | undefined, after: ReadonlyMap<string, string> | undefined): EnvironmentDiff {
  if (!before || !after) {
    // A whole environment appeared or went: listing every object of it would drown the rest.
    const files = (before ?? after)!;
    const dashboards = [...under(files, "dashboards").values()].map((text) => JSON.parse(text) as Record<string, unknown>);
    const rules = diffRules(new Map(), parseRuleFiles(under(files, "rules")));
    const counts: EnvironmentCounts = {
      dashboards: dashboards.length,
      panels: dashboards.reduce((n, d) => n + dashboardPanels(d).filter((p) => p.type !== "row").length, 0),
      alerts: rules.filter((r) => r.rule === "alert").length,
      records: rules.filter((r) => r.rule === "record").length,
      objects: [...under(files, "manifests").keys()].filter((path) => !path.endsWith("kustomization.yaml")).length,
      formattingOnly: 0,
    };
    return { name, status: before ? "removed" : "added", counts, dashboards: [], rules: [], objects: [] };
  }
  const dashboards = diffDashboards(under(before, "dashboards"), under(after, "dashboards"));
  const rules = diffRules(parseRuleFiles(changedOnly(under(before, "rules"), under(after, "rules"))), parseRuleFiles(changedOnly(under(after, "rules"), under(before, "rules"))));
  const objects = diffManifests(under(before, "manifests"), under(after, "manifests"));
  const counts: EnvironmentCounts = {
    dashboards: dashboards.filter((d) => d.kind !== "changed" || d.changes.length > 0).length,
    panels: dashboards.reduce((n, d) => n + d.panels.length, 0),
    alerts: rules.filter((r) => r.rule === "alert" && r.kind !== "formatting").length,
    records: rules.filter((r) => r.rule === "record" && r.kind !== "formatting").length,
    objects: objects.length,
    formattingOnly: rules.filter((r) => r.kind === "formatting").length,
  };
  const status = Object.values(counts).some((n) => n > 0) ? "changed" : "unchanged";
  return { name, status, counts, dashboards, rules, objects };
}

/**
 * The rule files of one side whose text differs from the other side's (a rule moved between files
 * needs both files, and both differ then). Unchanged files cannot hold a changed rule.
 */
function changedOnly(files: ReadonlyMap<string, string>, other: ReadonlyMap<string, string>): Map<string, string> {
  return new Map([...files].filter(([path, text]) => other.get(path) === undefined || withoutHeader(other.get(path)!) !== withoutHeader(text)));
}

function parseRuleFiles(files: ReadonlyMap<string, string>): Map<string, unknown> {
  return new Map([...files].map(([path, text]) => [path.slice("rules/".length), parse(text) as unknown]));
}

function diffDashboards(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): DashboardChange[] {
  const changes: DashboardChange[] = [];
  const paths = [...new Set([...before.keys(), ...after.keys()])].sort(compareCodePoints);
  for (const path of paths) {
    const a = before.get(path);
    const b = after.get(path);
    if (a === b) continue;
    const oldDashboard = a === undefined ? undefined : (JSON.parse(a) as Record<string, unknown>);
    const newDashboard = b === undefined ? undefined : (JSON.parse(b) as Record<string, unknown>);
    const dashboard = (newDashboard ?? oldDashboard)!;
    const uid = typeof dashboard.uid === "string" ? dashboard.uid : path.slice("dashboards/".length).replace(/\.json$/, "");
    if (!oldDashboard || !newDashboard) {
      const panelCount = dashboardPanels(dashboard).filter((p) => p.type !== "row").length;
      changes.push({ kind: oldDashboard ? "removed" : "added", uid, title: String(dashboard.title ?? uid), changes: [], panels: [], panelCount });
      continue;
    }
    const change = diffDashboard(uid, oldDashboard, newDashboard);
    if (change) changes.push(change);
  }
  return changes;
}

export const sumCounts = (all: readonly EnvironmentCounts[]): EnvironmentCounts =>
  all.reduce(
    (total, c) => ({
      dashboards: total.dashboards + c.dashboards,
      panels: total.panels + c.panels,
      alerts: total.alerts + c.alerts,
      records: total.records + c.records,
      objects: total.objects + c.objects,
      formattingOnly: total.formattingOnly + c.formattingOnly,
    }),
    { dashboards: 0, panels: 0, alerts: 0, records: 0, objects: 0, formattingOnly: 0 },
  );
