import { compareCodePoints } from "../config/code-point-order.js";
import { stackPlan } from "../components/component-table.js";
import type { PackContext } from "../model/stack-model.js";
import { packsInEffect } from "../packs/registry.js";
import { everyPackEnvironment, OPT_IN_FEATURES } from "./every-pack-environment.js";
import { markdownTable } from "./generated-section.js";

/** The runbook index: every alert of every pack, with its severities, category and summary, opt-in features included. */
export function runbookIndex(): string {
  const alerts = new Map<string, { pack: string; severities: Set<string>; category: string; summary: string }>();
  for (const environment of [everyPackEnvironment(), ...OPT_IN_FEATURES.map((extra) => everyPackEnvironment(extra))]) {
    const stack = stackPlan(environment.settings);
    const context: PackContext = { environment, stack, packs: packsInEffect(environment.settings, stack) };
    addAlerts(context, alerts);
  }
  const rows = [...alerts.entries()]
    .sort(([a], [b]) => compareCodePoints(a, b))
    .map(([alert, e]) => [`[${alert}](${alert}.md)`, e.pack, [...e.severities].join(" / "), e.category, e.summary]);
  return markdownTable(["alert", "pack", "severity", "category", "summary"], rows);
}

function addAlerts(context: PackContext, alerts: Map<string, { pack: string; severities: Set<string>; category: string; summary: string }>): void {
  for (const pack of context.packs) {
    for (const rule of pack.ruleFiles(context).flatMap((file) => file.groups.flatMap((group) => group.rules))) {
      if (rule.alert === undefined) continue;
      const entry = alerts.get(rule.alert) ?? { pack: pack.name, severities: new Set(), category: rule.labels?.category ?? "", summary: rule.annotations?.summary ?? "" };
      entry.severities.add(rule.labels?.severity ?? "");
      alerts.set(rule.alert, entry);
    }
  }
}
