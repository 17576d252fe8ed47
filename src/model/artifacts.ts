import type { MetricEntry } from "../catalog/types.js";
import { toYaml } from "./serialize.js";

/**
 * What the packs hand to synthesis: written once as plain files under
 * `dist/<env>/rules|dashboards/`, and embedded by the stack in ConfigMaps (standalone) or
 * PrometheusRule / sidecar ConfigMaps (operator). Computed once per environment.
 */

/** One Prometheus rule (alerting or recording), in the file format Prometheus and promtool read. */
export interface Rule {
  readonly alert?: string;
  readonly record?: string;
  readonly expr: string;
  readonly for?: string;
  readonly keep_firing_for?: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
}

export interface RuleGroup {
  readonly name: string;
  readonly interval?: string;
  readonly rules: readonly Rule[];
}

/** One rule file: `dist/<env>/rules/<name>.yaml`. */
export interface RuleFile {
  /** File stem and PrometheusRule name suffix, e.g. `slo`. */
  readonly name: string;
  readonly groups: readonly RuleGroup[];
}

/** A rule file's text as Prometheus reads it: the same bytes in `dist/<env>/rules/` and in the rules ConfigMap. */
export function ruleFileYaml(file: RuleFile): string {
  return toYaml({ groups: file.groups });
}

/** One dashboard: `dist/<env>/dashboards/<uid>.json`. */
export interface DashboardFile {
  readonly uid: string;
  readonly title: string;
  /** Canonical pretty JSON of the dashboard model, trailing newline included. */
  readonly json: string;
}

/**
 * One cause, one page: while `source` fires, Alertmanager mutes `target` on the alerts that share
 * the `equal` labels (an `inhibit_rules` entry of the standalone profile's Alertmanager).
 */
export interface Inhibition {
  readonly source: string;
  readonly target: string;
  readonly equal: readonly string[];
}

export interface Artifacts {
  readonly ruleFiles: readonly RuleFile[];
  /** Inhibitions between the alerts of the packs in effect. */
  readonly inhibitions: readonly Inhibition[];
  readonly dashboards: readonly DashboardFile[];
  /** The catalog entries of the packs in effect: every metric their rules and dashboards read or record. */
  readonly metrics: readonly MetricEntry[];
}
