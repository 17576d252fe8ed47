import { compareCodePoints } from "../config/code-point-order.js";
import type { EnvironmentSettings } from "../config/environment-schema.js";
import { goTemplateProblem } from "../config/go-template.js";
import { PROMETHEUS_ALERT_TEMPLATE } from "../config/go-template-consumers.js";
import type { SettingsProblem } from "../config/load-environments.js";
import { stackPlan } from "../components/component-table.js";
import { packsInEffect, PACKS } from "../packs/registry.js";
import { applyAlertOverrides } from "../promql/alert-overrides.js";

/** Labels an override may not set through `labels`: `severity` has its own, checked setting; `alertname` is the alert's identity. */
const RESERVED_LABELS: Readonly<Record<string, string>> = {
  severity: "is set with alerts.<Name>.severity (critical, warning or info), which routing and inhibitions rely on",
  alertname: "is the alert's name; renaming an alert through a label takes it out of its routes, inhibitions and runbook",
};

/**
 * `alerts.<AlertName>` must name an alert of the packs in effect (those of unknown packs are
 * reported as such), may not set reserved labels, and its annotations must parse as Prometheus
 * alert templates. Then every label and annotation of the resulting rule files must parse as
 * well, whatever setting it was made from: Prometheus refuses to load a rule file with one that
 * does not (model/rulefmt/rulefmt.go v2.42.0 `testTemplateParsing`).
 */
export function checkAlertOverrides(settings: EnvironmentSettings): SettingsProblem[] {
  if (settings.packs.some((name) => !Object.hasOwn(PACKS, name))) return [];
  const stack = stackPlan(settings);
  const packs = packsInEffect(settings, stack);
  const environment = { name: "(checking alerts)", source: "", settings };
  const files = packs.flatMap((pack) => pack.ruleFiles({ environment, stack, packs }));
  const known = new Set(files.flatMap((file) => file.groups.flatMap((group) => group.rules.flatMap((rule) => rule.alert ?? []))));
  const problems: SettingsProblem[] = [];
  for (const [name, override] of Object.entries(settings.alerts)) {
    if (!known.has(name)) {
      problems.push({ path: `/alerts/${name}`, message: `is not an alert of the packs in effect (known: ${[...known].sort(compareCodePoints).join(", ")})`, value: name });
      continue;
    }
    for (const label of Object.keys(override.labels ?? {})) {
      const why = Object.hasOwn(RESERVED_LABELS, label) ? RESERVED_LABELS[label] : undefined;
      if (why !== undefined) problems.push({ path: `/alerts/${name}/labels/${label}`, message: `cannot be overridden: ${why}`, value: label });
    }
    for (const [key, text] of Object.entries(override.annotations ?? {})) {
      const problem = goTemplateProblem(text, PROMETHEUS_ALERT_TEMPLATE);
      if (problem !== undefined) problems.push({ path: `/alerts/${name}/annotations/${key}`, message: `is not a template Prometheus can parse: ${problem}`, value: text });
    }
  }
  if (problems.length > 0) return problems;
  for (const file of applyAlertOverrides(files, settings.alerts)) {
    for (const rule of file.groups.flatMap((group) => group.rules)) {
      if (rule.alert === undefined) continue;
      for (const [kind, texts] of [["label", rule.labels], ["annotation", rule.annotations]] as const) {
        for (const [key, text] of Object.entries(texts ?? {})) {
          const problem = goTemplateProblem(text, PROMETHEUS_ALERT_TEMPLATE);
          if (problem !== undefined) {
            problems.push({ path: "/", message: `makes the ${kind} ${key} of ${rule.alert} a template Prometheus cannot parse (${problem}); check the settings it is made from`, value: text });
          }
        }
      }
    }
  }
  return problems;
}
