import type { InputProducerId, LabelCheck } from "../../src/catalog/input-contracts.js";
import type { Rule, RuleFile } from "../../src/model/artifacts.js";
import type { PackContext } from "../../src/model/stack-model.js";
import { eagerInputs } from "../../rules/inputs/inputs.js";
import { producerScopes, seriesName, type ProducerScope } from "../../rules/inputs/producer-scope.js";
import type { UnitTestFile } from "./stack-component-alert-tests.js";
import { durationSeconds, formatDuration } from "../../src/config/duration.js";

/**
 * promtool cases of InputMetricsMissing and InputLabelsMissing for every producer the packs in
 * effect read, generated from the input contracts so that a new input or producer is covered
 * without editing a test. Per producer: everything written as the contract says stays quiet (lazy
 * inputs left out on purpose: no traffic is no alert); the producer answering without its eager
 * inputs fires once per missing metric; a series labelled as the contract's `broken` example fires
 * InputLabelsMissing for that check.
 */
export function inputAlertTests(context: PackContext, rules: RuleFile): UnitTestFile {
  const inputRules = rules.groups.flatMap((g) => g.rules);
  const timing = evaluationTiming(rules);
  return {
    rule_files: [`${rules.name}.yaml`],
    evaluation_interval: timing.interval,
    tests: producerScopes(context.stack, context.packs).flatMap((scope) => producerCases(scope, inputRules, timing.evalTime)),
  };
}

/**
 * promtool evaluates every rule at every evaluation interval up to the last eval_time, once per
 * test group: at a minute over 30 minutes the 55 groups re-ran the 84 rules 31 times each. The
 * rules' own group interval is what Prometheus runs them at, and one interval after the longest
 * `for` is the first evaluation at which an alert pending since the first sample has fired.
 */
function evaluationTiming(rules: RuleFile): { interval: string; evalTime: string } {
  const intervals = [...new Set(rules.groups.map((g) => g.interval ?? "1m"))];
  if (intervals.length !== 1) throw new Error(`the ${rules.name} rule groups run at ${intervals.join(", ")}: one evaluation interval expected`);
  const interval = durationSeconds(intervals[0]!);
  const longestFor = Math.max(...rules.groups.flatMap((g) => g.rules).map((r) => durationSeconds(r.for ?? "0s")));
  return { interval: formatDuration(interval), evalTime: formatDuration(longestFor + interval) };
}

/** Scraped every minute from time 0, beyond the last evaluation. */
const VALUES = "1x40";

/** A target of the producer: its job and instance, or a model server's pod. */
function target(scope: ProducerScope): Record<string, string> {
  if (!scope.by.includes("job")) return { namespace: "ml", pod: `${scope.producer}-0`, service: "chat" };
  // Applications pushing OTLP have no job matcher: Prometheus names the job after their service.name.
  const job = /job=~?"([^"|]+)/.exec(scope.jobMatcher)?.[1] ?? "chat-app";
  return { job, instance: "10.2.0.1:9400" };
}

/** One series by name and labels; empty label values are left out, as the exposition format does. */
export interface ContractSeries {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

export function seriesText({ name, labels }: ContractSeries): string {
  const body = Object.entries(labels)
    .filter(([, value]) => value !== "")
    .map(([key, value]) => `${key}="${value}"`)
    .join(",");
  return `${name}{${body}}`;
}

/**
 * What a producer writes when it keeps its contract, from the contract data: its marker (model
 * servers), every eager input and every label-checked series, each label set to a plain value;
 * and, per label check, the series as the contract's `broken` example writes it. Without the
 * target's labels (`job`, `instance`): the scrape adds those.
 */
export function contractSeries(scope: ProducerScope): { healthy: ContractSeries[]; broken: (check: LabelCheck) => ContractSeries } {
  const producer = scope.definition;
  const serverLabels: Record<string, string> = producer.marker ? { namespace: "ml", pod: `${scope.producer}-0`, service: "chat" } : {};
  // A series carries its catalogued labels and every label its checks look at, each healthy.
  const labelsOf = (metric: string): Record<string, string> => {
    const entry = scope.metrics.find((e) => seriesName(e) === metric);
    const checks = scope.labelChecks.filter((c) => c.metric === metric).map((c) => c.label);
    const names = [...(entry?.labels ?? []), ...checks].filter((l) => !l.startsWith("exported_") && !["le", "job", "instance"].includes(l));
    // The values the producer always writes on some of its series (`mode="idle"`): the series the presence check selects.
    return { ...Object.fromEntries(names.map((l) => [l, `${l.toLowerCase()}-a`])), ...entry?.input?.alwaysWith, ...serverLabels };
  };
  const names = [...(producer.marker ? [producer.marker] : []), ...eagerInputs(scope).map(seriesName), ...scope.labelChecks.map((c) => c.metric)];
  return {
    healthy: [...new Set(names)].map((name) => ({ name, labels: labelsOf(name) })),
    broken: (check) => ({ name: check.metric, labels: { ...labelsOf(check.metric), ...check.broken } }),
  };
}

function producerCases(scope: ProducerScope, rules: readonly Rule[], evalTime: string): UnitTestFile["tests"] {
  const producer = scope.definition;
  const t = target(scope);
  const scraped = (series: ContractSeries) => seriesText({ name: series.name, labels: { ...t, ...series.labels } });
  const presence = producer.marker ? [seriesText({ name: producer.marker, labels: t })] : [seriesText({ name: "up", labels: t })];
  const eager = eagerInputs(scope);
  const { healthy, broken } = contractSeries(scope);
  const healthySeries = [...new Set([...presence, ...healthy.map(scraped)])];
  const input = (series: readonly string[]) => series.map((s) => ({ series: s, values: VALUES }));
  const quiet = (alertname: string) => ({ eval_time: evalTime, alertname, exp_alerts: [] });
  return [
    {
      name: `${producer.displayName}: every eager input written, labels as the contract says (lazy inputs absent): quiet`,
      interval: "1m",
      input_series: input(healthySeries),
      alert_rule_test: [quiet("InputMetricsMissing"), quiet("InputLabelsMissing")],
    },
    {
      name: `${producer.displayName}: answers without its eager inputs: InputMetricsMissing for each`,
      interval: "1m",
      input_series: input(presence),
      alert_rule_test: [
        {
          eval_time: evalTime,
          alertname: "InputMetricsMissing",
          exp_alerts: eager.map((entry) => expected(rule(rules, "InputMetricsMissing", scope.producer, "metric", entry.name), t, "")),
        },
      ],
    },
    ...scope.labelChecks.map((check) => ({
      name: `${producer.displayName}: ${check.metric} with ${JSON.stringify(check.broken)}: InputLabelsMissing for ${check.label}`,
      interval: "1m",
      input_series: input([...healthySeries.filter((s) => !s.startsWith(`${check.metric}{`)), scraped(broken(check))]),
      alert_rule_test: [
        quiet("InputMetricsMissing"),
        { eval_time: evalTime, alertname: "InputLabelsMissing", exp_alerts: [expected(rule(rules, "InputLabelsMissing", scope.producer, "label", check.label), { ...t, ...pick(check.broken, "job") }, "1")] },
      ],
    })),
  ];
}

function pick(labels: Readonly<Record<string, string>>, key: string): Record<string, string> {
  return labels[key] !== undefined ? { [key]: labels[key] } : {};
}

function rule(rules: readonly Rule[], alert: string, producer: InputProducerId, key: string, value: string): Rule {
  const found = rules.find((r) => r.alert === alert && r.labels?.producer === producer && r.labels?.[key] === value);
  if (!found) throw new Error(`no ${alert} rule for ${producer} ${key}=${value}`);
  return found;
}

/** The alert a rule fires for a target: its labels, the target's identifying labels, annotations with the templates filled in. */
function expected(r: Rule, t: Record<string, string>, value: string) {
  const byLabels = Object.fromEntries(Object.entries(t).filter(([key]) => (t.job !== undefined ? key === "job" || key === "instance" : key === "namespace" || key === "pod")));
  const fill = (text: string) => text.replace(/\{\{ \$labels\.(\w+) \}\}/g, (_, label: string) => byLabels[label] ?? "").replaceAll("{{ $value }}", value);
  return {
    exp_labels: { ...r.labels, ...byLabels },
    exp_annotations: Object.fromEntries(Object.entries(r.annotations ?? {}).map(([key, text]) => [key, fill(text)])),
  };
}
