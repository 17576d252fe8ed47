import type { StackPlan } from "../../src/model/stack-model.js";

/** The parts of a promtool unit test file the generated cases use. */
export interface UnitTestFile {
  rule_files: string[];
  evaluation_interval?: string;
  tests: Array<{
    name?: string;
    interval?: string;
    input_series?: Array<{ series: string; values: string }>;
    alert_rule_test?: Array<{ eval_time: string; alertname: string; exp_alerts?: unknown[] }>;
    promql_expr_test?: Array<{ expr: string }>;
  }>;
}

/**
 * promtool cases of StackComponentDown and StackComponentAbsent for every deployed component of a
 * stack, generated from the component table so that a new component is covered without editing a
 * test: all targets up stays quiet; every target down fires StackComponentDown for exactly the
 * components whose definition says `watch.down`; no target at all fires StackComponentAbsent for
 * exactly those with `watch.absent`.
 */
export function stackComponentAlertTests(stack: StackPlan, runbookBaseUrl: string): UnitTestFile {
  const targets = stack.deployed.map((c, index) => ({ job: c.name, instance: `10.1.0.${index + 1}:${stack.port(c.key)}`, watch: c.watch }));
  const up = (values: string) => targets.map((t) => ({ series: `up{job="${t.job}",instance="${t.instance}"}`, values }));
  const expected = (alert: string, labels: Record<string, string>, summary: string, description: string) => ({
    exp_labels: { severity: "warning", category: "platform", ...labels },
    exp_annotations: { summary, description, runbook_url: `${runbookBaseUrl}/${alert}.md` },
  });
  return {
    rule_files: ["platform.yaml"],
    evaluation_interval: "1m",
    tests: [
      {
        name: "Every deployed component has an answering target: quiet",
        interval: "1m",
        input_series: up("1x30"),
        alert_rule_test: [
          { eval_time: "20m", alertname: "StackComponentDown", exp_alerts: [] },
          { eval_time: "20m", alertname: "StackComponentAbsent", exp_alerts: [] },
        ],
      },
      {
        name: "Every target stops answering: StackComponentDown after 5m for the components it watches",
        interval: "1m",
        input_series: up("1x5 0x25"),
        alert_rule_test: [
          { eval_time: "9m", alertname: "StackComponentDown", exp_alerts: [] },
          {
            eval_time: "12m",
            alertname: "StackComponentDown",
            exp_alerts: targets
              .filter((t) => t.watch.down)
              .map((t) =>
                expected("StackComponentDown", { job: t.job, instance: t.instance }, "A component of the monitoring stack cannot be scraped.", `${t.job} (${t.instance}) has been down for 5 minutes.`),
              ),
          },
        ],
      },
      {
        name: "No target at all: StackComponentAbsent after 10m for the components it watches",
        interval: "1m",
        input_series: [],
        alert_rule_test: [
          { eval_time: "9m", alertname: "StackComponentAbsent", exp_alerts: [] },
          {
            eval_time: "12m",
            alertname: "StackComponentAbsent",
            exp_alerts: targets
              .filter((t) => t.watch.absent)
              .map((t) =>
                expected(
                  "StackComponentAbsent",
                  { job: t.job },
                  "A component of the monitoring stack has no scrape target at all.",
                  `Prometheus has no target for job ${t.job}: the component is not running or service discovery does not find it.`,
                ),
              ),
          },
        ],
      },
    ],
  };
}
