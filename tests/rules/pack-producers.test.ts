import { describe, expect, it } from "vitest";
import { COMPONENTS } from "../../src/components/component-table.js";
import { planStack } from "../../src/model/stack-plan.js";
import { INPUT_PRODUCER_IDS } from "../../src/catalog/input-contracts.js";
import type { MetricEntry } from "../../src/catalog/types.js";
import type { PackDefinition, PackProducer } from "../../src/model/stack-model.js";
import { inputRules } from "../../rules/inputs/inputs.js";
import { producerScopes } from "../../rules/inputs/producer-scope.js";
import { loadTestEnvironment } from "../helpers/environments.js";
import { packContext } from "../helpers/packs.js";

/** A pack reading a program this project does not know: its producer is declared in the pack, nowhere else. */
const trainingOperator: PackProducer = {
  id: "training-operator",
  displayName: "the training operator",
  checkedAgainst: [{ repo: "example/training-operator", file: "pkg/metrics.go", version: "v1.0.0" }],
  scraperLabels: [],
  labelChecks: [],
  jobMatcher: () => 'job="training-operator"',
};
const jobsCreated: MetricEntry = {
  name: "training_operator_jobs_created_total",
  type: "counter",
  unit: "jobs",
  labels: ["job_namespace"],
  producer: "training-operator",
  input: { producer: "training-operator", registration: "eager", enabledBy: "always" },
  description: "Jobs the operator created.",
};
const pack = (producers?: readonly PackProducer[]): PackDefinition => ({
  name: "training",
  description: "test pack",
  metrics: [jobsCreated],
  ruleFiles: () => [],
  dashboards: () => [],
  ruleTestsDir: "unused",
  ...(producers !== undefined ? { producers } : {}),
});

describe("producers a pack or component declares", () => {
  const context = packContext(loadTestEnvironment("").environment);

  it("GIVEN a pack declaring its producer WHEN the producer scopes are built THEN it is scoped after the built-in ones, by its own job matcher, and InputMetricsMissing watches its eager input", () => {
    const packs = [...context.packs, pack([trainingOperator])];
    const scopes = producerScopes(context.stack, packs);
    const index = scopes.findIndex((scope) => scope.producer === "training-operator");
    expect(scopes[index]).toMatchObject({ jobMatcher: 'job="training-operator"', metrics: [jobsCreated] });
    expect(scopes.slice(0, index).every((scope) => (INPUT_PRODUCER_IDS as readonly string[]).includes(scope.producer))).toBe(true);
    const rules = inputRules({ ...context, packs }).groups.flatMap((group) => group.rules);
    expect(rules.some((rule) => rule.alert === "InputMetricsMissing" && rule.labels?.producer === "training-operator" && rule.labels?.metric === jobsCreated.name)).toBe(true);
  });

  it("GIVEN a watched component declaring its series and their producer WHEN the producer scopes are built THEN the producer is scoped with them", () => {
    const table = COMPONENTS.map((c) => (c.key === "costExporter" ? { ...c, metrics: [jobsCreated], producers: [trainingOperator] } : c));
    const stack = planStack(context.stack.settings, table);
    expect(producerScopes(stack, context.packs).find((scope) => scope.producer === "training-operator")).toMatchObject({ metrics: [jobsCreated] });
  });

  it("GIVEN an input contract naming a producer nobody declares WHEN the producer scopes are built THEN it throws, naming the entry and the producer", () => {
    expect(() => producerScopes(context.stack, [...context.packs, pack()])).toThrow(/training_operator_jobs_created_total is written by "training-operator"/);
  });
});
