import type { EnvironmentSettings } from "../config/environment-schema.js";
import type { Rule } from "../model/artifacts.js";
import { dedent } from "./expressions.js";

/**
 * Builders of Prometheus rules with the conventions every pack follows: alerts carry severity,
 * category, summary, description and a runbook link; recording rules are dedented blocks.
 */

export type Severity = "critical" | "warning" | "info";
/**
 * Routing category (`slo`, `gpu`, `cost`, `co2`, `platform`, or one a pack brings): Alertmanager
 * sends `cost` and `co2` to FinOps as well, every other category to the team routes only. Open, so
 * a pack adds its own without editing this file.
 */
export type Category = string;

export interface AlertSpec {
  /** CamelCase alert name; also the runbook file name `docs/runbooks/<name>.md`. */
  readonly name: string;
  readonly expr: string;
  readonly for?: string;
  readonly severity: Severity;
  readonly category: Category;
  readonly summary: string;
  /** Go template; should show `$value` so the notification says how bad it is. */
  readonly description: string;
  /**
   * What to do first, in one or two sentences; notifications (the FinOps e-mail) show it.
   * @default none: the runbook says it
   */
  readonly action?: string;
  /**
   * uid of the dashboard to open for this alert; becomes the `dashboard_url` annotation when
   * `externalUrls.grafana` is set.
   * @default none
   */
  readonly dashboard?: string;
  readonly labels?: Record<string, string>;
  /**
   * Put severity and category on the expression's result (label_replace) instead of the rule, for
   * alerts with thousands of instances on a large fleet: Prometheus 2.42 expands every rule label as
   * a template for each instance at each evaluation (rules/alerting.go `AlertingRule.Eval`, v2.42.0),
   * about 40 µs each. The alerts carry the same labels; `alertLabels` reads them back.
   * @default false
   */
  readonly labelsInExpression?: boolean;
}

/** A fixed label on every series of `expr`, as `alert` writes it for `labelsInExpression`. */
function withLabel(expr: string, name: string, value: string): string {
  if (!/^[A-Za-z0-9_.-]*$/.test(value)) throw new Error(`label ${name} set in PromQL must be a plain value (value: ${value})`);
  return `label_replace(\n${expr}\n, "${name}", "${value}", "", "")`;
}
const EXPRESSION_LABEL = /, "([a-zA-Z_][a-zA-Z0-9_]*)", "([A-Za-z0-9_.-]*)", "", ""\)$/;

/** An alert's fixed labels: the rule's, over the ones `labelsInExpression` put on its expression. */
export function alertLabels(rule: Rule): Record<string, string> {
  const fromExpression: Record<string, string> = {};
  for (let expr = rule.expr, match = EXPRESSION_LABEL.exec(expr); match && expr.startsWith("label_replace(\n"); match = EXPRESSION_LABEL.exec(expr)) {
    fromExpression[match[1] as string] ??= match[2] as string;
    expr = expr.slice("label_replace(\n".length, match.index - 1);
  }
  return { ...fromExpression, ...rule.labels };
}

/** An alerting rule with the conventions every alert follows: severity, category, summary, description, runbook. */
export function alert(settings: EnvironmentSettings, spec: AlertSpec): Rule {
  if (!/^[A-Z][A-Za-z0-9]+$/.test(spec.name)) throw new Error(`alert name must be CamelCase: ${spec.name}`);
  const fixed = { severity: spec.severity, category: spec.category };
  const labels = spec.labelsInExpression ? { ...spec.labels } : { ...fixed, ...spec.labels };
  return {
    alert: spec.name,
    expr: spec.labelsInExpression ? Object.entries(fixed).reduce((expr, [name, value]) => withLabel(expr, name, value), spec.expr) : spec.expr,
    ...(spec.for ? { for: spec.for } : {}),
    ...(Object.keys(labels).length > 0 ? { labels } : {}),
    annotations: {
      summary: spec.summary,
      description: spec.description,
      ...(spec.action !== undefined ? { action: spec.action } : {}),
      runbook_url: `${settings.alerting.runbookBaseUrl}/${spec.name}.md`,
      ...(spec.dashboard !== undefined && settings.externalUrls.grafana !== ""
        ? { dashboard_url: `${settings.externalUrls.grafana.replace(/\/+$/, "")}/d/${spec.dashboard}` }
        : {}),
    },
  };
}

/** A recording rule; `expr` is trimmed so the YAML stays a readable block. `labels` are set on every series it records. */
export function record(name: string, expr: string, labels?: Record<string, string>): Rule {
  return { record: name, expr: dedent(expr), ...(labels ? { labels } : {}) };
}

