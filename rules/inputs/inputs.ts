import type { MetricEntry } from "../../src/catalog/types.js";
import type { Rule, RuleFile } from "../../src/model/artifacts.js";
import type { PackContext } from "../../src/model/stack-model.js";
import { alert } from "../../src/promql/rule-builders.js";
import { presenceSelector, producerScopes, selector, type ProducerScope } from "./producer-scope.js";

/** How long a producer must be up with an input missing or mislabelled before either alert fires: past a rollout. */
export const INPUT_ALERT_FOR = "15m";
/** The checks read each input once (the series it always carries, `alwaysWith`): every few minutes is plenty for a contract that breaks at deploy time. */
export const INPUT_RULES_INTERVAL = "5m";

const DASHBOARD = "nfops-overview";

/**
 * InputMetricsMissing and InputLabelsMissing, generated from the input contracts of the packs in
 * effect (`src/catalog/input-contracts.ts`): one rule per eager input and per label check, so each
 * notification names the metric or label and what produces it. Lazily registered and optional
 * inputs are left out: no traffic (or no NVLink) is no broken contract.
 */
export function inputRules({ environment, stack, packs }: PackContext): RuleFile {
  const { settings } = environment;
  const scopes = producerScopes(stack, packs);
  const rules: Rule[] = [
    ...scopes.flatMap((scope) => eagerInputs(scope).map((entry) => metricMissing(scope, entry))),
    ...scopes.flatMap((scope) => scope.labelChecks.map((check, index) => labelMissing(scope, index))),
  ].map((spec) => alert(settings, spec));
  return { name: "inputs", groups: rules.length > 0 ? [{ name: "nfops-inputs", interval: INPUT_RULES_INTERVAL, rules }] : [] };
}

/** Inputs whose absence from an answering producer is a broken contract; a marker cannot be missing (it says the producer is there). */
export function eagerInputs(scope: ProducerScope): MetricEntry[] {
  const marker = scope.definition.marker;
  return scope.metrics.filter((entry) => entry.input?.registration === "eager" && entry.name !== marker);
}

/** The targets of a producer that answer: `up` of its job, or its marker series. */
function present(scope: ProducerScope): string {
  const marker = scope.definition.marker;
  const by = scope.by.join(", ");
  return marker ? `group by (${by}) (${selector(marker, scope.jobMatcher)})` : `group by (${by}) (${selector("up", scope.jobMatcher)} == 1)`;
}

/** The target an alert is about, as its description names it. */
function targetText(scope: ProducerScope): string {
  return scope.by.includes("job") ? "job {{ $labels.job }}, {{ $labels.instance }}" : "pod {{ $labels.namespace }}/{{ $labels.pod }}";
}

function metricMissing(scope: ProducerScope, entry: MetricEntry) {
  const producer = scope.definition;
  const by = scope.by.join(", ");
  const where = targetText(scope);
  return {
    name: "InputMetricsMissing",
    expr: `${present(scope)}\nunless on (${by})\ngroup by (${by}) (${presenceSelector(entry, scope.jobMatcher)})`,
    for: INPUT_ALERT_FOR,
    severity: "warning" as const,
    category: "platform" as const,
    dashboard: DASHBOARD,
    labels: { producer: producer.id, metric: entry.name },
    summary: `${producer.displayName} answers but does not write ${entry.name}: the rules that read it are silently dead.`,
    description: `${producer.displayName} (${where}) has been up for ${INPUT_ALERT_FOR} without ${entry.name}. It is written with: ${entry.input?.enabledBy ?? ""}.`,
  };
}

function labelMissing(scope: ProducerScope, index: number) {
  const producer = scope.definition;
  const check = scope.labelChecks[index];
  if (!check) throw new Error(`no label check ${index} for ${scope.producer}`);
  const by = scope.by.join(", ");
  const where = targetText(scope);
  return {
    name: "InputLabelsMissing",
    expr: `count by (${by}) (${selector(check.metric, scope.jobMatcher, check.matcher)})`,
    for: INPUT_ALERT_FOR,
    severity: "warning" as const,
    category: "platform" as const,
    dashboard: DASHBOARD,
    labels: { producer: producer.id, label: check.label },
    summary: `${producer.displayName} series carry a wrong or empty \`${check.label}\`: the rules that group by it are wrong.`,
    description: `{{ $value }} ${check.metric} series of ${where} match {${check.matcher}}: ${check.problem}. Fix: ${check.fix}.`,
  };
}
