import type { Rule } from "../../src/model/artifacts.js";
import type { ComponentAlert, PackContext } from "../../src/model/stack-model.js";
import { alert, type AlertSpec } from "../../src/promql/rule-builders.js";

/**
 * The core pack's groups that list the alerts of the components they watch, each with the dashboard
 * those alerts link to (`dashboard_url`, when Grafana has an external URL).
 */
export const COMPONENT_ALERT_GROUP = {
  platform: { name: "nfops-platform", dashboard: "nfops-overview" },
  gpu: { name: "nfops-gpu", dashboard: "nfops-gpu-fleet" },
  // Alerts over the GPU utilisation recording alone, evaluated right after it (rules/core/semantic.ts).
  gpuReadings: { name: "nfops-gpu-readings.rules", dashboard: "nfops-gpu-fleet" },
  cost: { name: "nfops-co2", dashboard: "nfops-cost-carbon" },
} as const;

/** A group of `COMPONENT_ALERT_GROUP`. */
export type ComponentAlertGroup = (typeof COMPONENT_ALERT_GROUP)[keyof typeof COMPONENT_ALERT_GROUP];

/** An alert a component owns, in one of these groups, linking to the group's dashboard. */
export function componentAlert(group: ComponentAlertGroup, spec: (context: PackContext) => Omit<AlertSpec, "dashboard">): ComponentAlert {
  return { group: group.name, rule: (context) => alert(context.environment.settings, { ...spec(context), dashboard: group.dashboard }) };
}

/** The alerts the watched components (`alerts` in their definitions) put in a group, in table order. */
export function componentAlerts(context: PackContext, group: string): Rule[] {
  return context.stack.watched.flatMap((component) => (component.alerts ?? []).filter((owned) => owned.group === group).map((owned) => owned.rule(context)));
}
