import type { Rule } from "../../src/model/artifacts.js";
import type { PackContext } from "../../src/model/stack-model.js";

/**
 * The core pack's groups that list the alerts of the components they watch, each with the dashboard
 * those alerts link to (`dashboard_url`, when Grafana has an external URL).
 */
export const COMPONENT_ALERT_GROUP = {
  platform: { name: "nfops-platform", dashboard: "nfops-overview" },
  gpu: { name: "nfops-gpu", dashboard: "nfops-gpu-fleet" },
  cost: { name: "nfops-co2", dashboard: "nfops-cost-carbon" },
} as const;

/** The alerts the watched components (`alerts` in their definitions) put in a group, in table order. */
export function componentAlerts(context: PackContext, group: string): Rule[] {
  return context.stack.watched.flatMap((component) => (component.alerts ?? []).filter((owned) => owned.group === group).map((owned) => owned.rule(context)));
}
