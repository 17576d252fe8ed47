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
}

/** An alerting rule with the conventions every alert follows: severity, category, summary, description, runbook. */
export function alert(settings: EnvironmentSettings, spec: AlertSpec): Rule {
  if (!/^[A-Z][A-Za-z0-9]+$/.test(spec.name)) throw new Error(`alert name must be CamelCase: ${spec.name}`);
  return {
    alert: spec.name,
    expr: spec.expr,
    ...(spec.for ? { for: spec.for } : {}),
    labels: { severity: spec.severity, category: spec.category, ...spec.labels },
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

