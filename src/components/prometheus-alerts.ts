import { COMPONENT_ALERT_GROUP, componentAlert } from "../../rules/core/component-alerts.js";
import type { MetricEntry } from "../catalog/types.js";
import type { ComponentAlert } from "../model/stack-model.js";

/** prometheus/prometheus v3.5.0 rules/group.go (v2.42.0 rules/manager.go), beside the `rule_group` series of `rules/stack/catalog.ts`: label `rule_group` = "<file>;<group>". */
const RULE_EVALUATION_FAILURES = "prometheus_rule_evaluation_failures_total";

/** The series Prometheus' own alerts read. */
export const PROMETHEUS_ALERT_METRICS: readonly MetricEntry[] = [
  { name: RULE_EVALUATION_FAILURES, type: "counter", unit: "evaluations", labels: ["rule_group"], producer: "prometheus", description: "Rule evaluations that failed." },
];

/** Prometheus' own alerts (this stack's, or kube-prometheus-stack's, which evaluates the same rules). */
export const PROMETHEUS_ALERTS: readonly ComponentAlert[] = [
  componentAlert(COMPONENT_ALERT_GROUP.platform, () => ({
    name: "PrometheusRuleEvaluationFailures",
    expr: `increase(${RULE_EVALUATION_FAILURES}[5m]) > 0`,
    severity: "warning",
    category: "platform",
    summary: "Prometheus fails to evaluate rules: alerts may be silently missing.",
    description: "{{ $labels.instance }} failed {{ $value | printf \"%.0f\" }} evaluations of group {{ $labels.rule_group }} in 5 minutes.",
  })),
];
