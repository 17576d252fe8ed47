import type { EnvironmentSettings } from "../config/environment-schema.js";
import type { Rule, RuleFile } from "../model/artifacts.js";

type Overrides = EnvironmentSettings["alerts"];

/**
 * The rule files with an environment's per-alert overrides (`alerts.<AlertName>`) applied, the way
 * kube-prometheus-stack users patch mixin alerts: `enabled: false` drops every rule of that name;
 * `for` and `severity` replace; `labels` and `annotations` are merged over the pack's. Applied once,
 * to the rule files every consumer (dist, ConfigMap, PrometheusRule) receives.
 */
export function applyAlertOverrides(files: readonly RuleFile[], overrides: Overrides): RuleFile[] {
  if (Object.keys(overrides).length === 0) return [...files];
  const apply = (rule: Rule): Rule[] => {
    const override = overrideOf(rule, overrides);
    if (override === undefined) return [rule];
    if (override.enabled === false) return [];
    return [
      {
        ...rule,
        ...(override.for !== undefined ? { for: override.for } : {}),
        labels: { ...rule.labels, ...override.labels, ...(override.severity !== undefined ? { severity: override.severity } : {}) },
        annotations: { ...rule.annotations, ...override.annotations },
      },
    ];
  };
  return files.map((file) => ({ ...file, groups: file.groups.map((group) => ({ ...group, rules: group.rules.flatMap(apply) })) }));
}

/** How long an alert waits once the environment's override applies: its `for`, or the override's; undefined for none. */
export function holdAfterOverrides(rule: Rule, overrides: Overrides): string | undefined {
  return overrideOf(rule, overrides)?.for ?? rule.for;
}

function overrideOf(rule: Rule, overrides: Overrides): Overrides[string] | undefined {
  return rule.alert !== undefined && Object.hasOwn(overrides, rule.alert) ? overrides[rule.alert] : undefined;
}
