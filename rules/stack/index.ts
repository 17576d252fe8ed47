import type { RuleFile } from "../../src/model/artifacts.js";
import type { PackContext } from "../../src/model/stack-model.js";
import { alert } from "../../src/promql/rule-builders.js";
import { stackAlerts, type StackAlert } from "./alerts.js";

/** The dashboard the stack alerts link to (`dashboard_url`, when Grafana has an external URL). */
export const STACK_HEALTH_DASHBOARD = "nfops-stack-health";

/** The stack pack's rule file: one group per watched component, `nfops-stack-<component>`, in the order of `stackAlerts`. */
export function stackRuleFiles({ environment, stack }: PackContext): RuleFile[] {
  const byComponent = new Map<StackAlert["component"], StackAlert[]>();
  for (const spec of stackAlerts(stack)) byComponent.set(spec.component, [...(byComponent.get(spec.component) ?? []), spec]);
  const groups = [...byComponent].map(([component, specs]) => ({
    name: `nfops-stack-${component}`,
    rules: specs.map((spec) =>
      alert(environment.settings, {
        name: spec.name,
        expr: spec.expr,
        ...(spec.for !== "0s" ? { for: spec.for } : {}),
        severity: spec.severity,
        category: "platform",
        dashboard: STACK_HEALTH_DASHBOARD,
        summary: spec.summary,
        description: spec.description,
      }),
    ),
  }));
  return [{ name: "stack", groups }];
}
