import { COMPONENT_ALERT_GROUP, componentAlert } from "../../rules/core/component-alerts.js";
import { METRIC as M } from "../../rules/core/catalog.js";
import type { ComponentAlert } from "../model/stack-model.js";

/** Prometheus' own alerts (this stack's, or kube-prometheus-stack's, which evaluates the same rules). */
export const PROMETHEUS_ALERTS: readonly ComponentAlert[] = [
  componentAlert(COMPONENT_ALERT_GROUP.platform, () => ({
    name: "PrometheusRuleEvaluationFailures",
    expr: `increase(${M.ruleEvaluationFailures}[5m]) > 0`,
    severity: "warning",
    category: "platform",
    summary: "Prometheus fails to evaluate rules: alerts may be silently missing.",
    description: "{{ $labels.instance }} failed {{ $value | printf \"%.0f\" }} evaluations of group {{ $labels.rule_group }} in 5 minutes.",
  })),
];
