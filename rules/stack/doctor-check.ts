import type { DoctorCheck, DoctorFinding } from "../../src/model/stack-model.js";
import { stackAlerts, type StackAlert } from "./alerts.js";

/**
 * Stack alerts whose condition a built-in check of `nfops doctor` already reports from the same
 * Prometheus (src/doctor/checks.ts): evaluating them again would print each problem twice.
 */
const REPORTED_BY_BUILT_IN: Readonly<Record<string, string>> = {
  PrometheusAlertmanagersNotDiscovered: "alertmanagers-missing",
  PrometheusRuleGroupIterationsMissed: "rule-group-slow",
  PrometheusRuleGroupSlow: "rule-group-slow",
};

/** Labels that tell one result of an alert's expression from another, in the order a reader looks for them. */
const SUBJECT_LABELS = ["job", "instance", "rule_group", "alertmanager", "integration", "url", "route", "datasource", "reason", "operation"];

/** The stack alerts doctor evaluates for an environment: those of what it deploys, less the ones a built-in check covers. */
export function doctorStackAlerts(...args: Parameters<typeof stackAlerts>): StackAlert[] {
  return stackAlerts(...args).filter((spec) => REPORTED_BY_BUILT_IN[spec.name] === undefined);
}

/**
 * `stack-alert`: each condition of the stack pack (the same `expr` as its alerts, self-contained, so
 * no recording rule need be loaded) evaluated once as an instant query. A result is a finding now;
 * the alert itself waits for its `for:` before firing, which the message says.
 */
export const stackAlertCheck: DoctorCheck = {
  kind: "stack-alert",
  description: "none of the stack pack's alert conditions holds now (config reloads, notification queue, TSDB, remote write, Thanos, Loki, Tempo, Grafana, for the components deployed)",
  async run(context) {
    const runbooks = context.environment.settings.alerting.runbookBaseUrl;
    const findings: DoctorFinding[] = [];
    for (const spec of doctorStackAlerts(context.stack)) {
      for (const result of await context.prometheus.query(spec.expr)) {
        const where = SUBJECT_LABELS.flatMap((label) => (result.labels[label] ? [`${label}=${result.labels[label]}`] : [])).join(" ");
        const wait = spec.for === "0s" ? "it fires at once" : `it fires once this holds for ${spec.for}`;
        findings.push({
          kind: "stack-alert",
          subject: where === "" ? spec.name : `${spec.name} ${where}`,
          message: `${spec.summary} (value ${formatValue(result.value)}; ${wait})`,
          fix: `follow the runbook ${runbooks}/${spec.name}.md`,
        });
      }
    }
    return findings;
  },
};

function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toPrecision(3);
}
