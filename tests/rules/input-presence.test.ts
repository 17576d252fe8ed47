import { describe, expect, it } from "vitest";
import type { MetricEntry } from "../../src/catalog/types.js";
import { PACK_NAMES } from "../../src/packs/registry.js";
import type { Rule } from "../../src/model/artifacts.js";
import { producerScopes } from "../../rules/inputs/producer-scope.js";
import { loadTestEnvironment } from "../helpers/environments.js";
import { artifactsOf, packContext } from "../helpers/packs.js";
import { metricNameOf, nodesNamed, parsePromQL, selectorMatchers, type LabelMatch } from "../helpers/query-syntax.js";

/**
 * The presence checks (InputMetricsMissing, `nfops doctor`) of an input whose contract names
 * `alwaysWith` read only those series: dcgm-exporter's fields of GPU 0 are one GPU in eight,
 * node-exporter's idle time of CPU 0 is one series of a node's eight per CPU, a pod's Running phase
 * one in five. That the producers really write them is shown by the contract fixtures recorded from
 * the binaries (tests/contracts/contract-fixtures.test.ts: the checks stay quiet).
 */
const { environment } = loadTestEnvironment(`packs: [${PACK_NAMES.join(", ")}]\nenergy: { kepler: true }\n`, "input-presence");
const context = packContext(environment);
const rules = artifactsOf(environment).ruleFiles.flatMap((file) => file.groups.flatMap((group) => group.rules));
// The inputs as the checks see them: producerScopes keeps one entry per metric that several packs catalogue.
const inputs = producerScopes(context.stack, context.packs).flatMap((scope) => scope.metrics);
const narrowed = inputs.filter((entry): entry is MetricEntry & { input: { alwaysWith: Record<string, string> } } => entry.input?.alwaysWith !== undefined);

/** The label matchers of every selector of `metric` in a rule's expression. */
function selectorsOf(rule: Rule, metric: string): LabelMatch[][] {
  const parsed = parsePromQL(rule.expr);
  return nodesNamed(parsed, "VectorSelector")
    .filter((selector) => metricNameOf(parsed, selector) === metric)
    .map((selector) => selectorMatchers(parsed, selector));
}

const selects = (matchers: readonly LabelMatch[], label: string, value: string) => matchers.some((m) => m.label === label && m.op === "=" && m.value === value);
/** Whether a selector with these matchers reads a series with `label="value"`: each of its matchers on the label accepts the value. */
function accepts(matchers: readonly LabelMatch[], label: string, value: string): boolean {
  const test = (m: LabelMatch) => {
    const pattern = new RegExp(`^(?:${m.value})$`);
    return { "=": value === m.value, "!=": value !== m.value, "=~": pattern.test(value), "!~": !pattern.test(value) }[m.op] ?? false;
  };
  return matchers.filter((m) => m.label === label).every(test);
}
const isInputCheck = (rule: Rule) => rule.alert === "InputMetricsMissing" || rule.alert === "InputLabelsMissing";

describe("presence checks read the series an input always carries", () => {
  it("GIVEN every pack THEN the inputs narrowed are dcgm-exporter's eager fields on GPU 0, node-exporter's CPU time and kube-state-metrics' pod phase", () => {
    const dcgmFields = ["DCGM_FI_DEV_GPU_UTIL", "DCGM_FI_DEV_FB_USED", "DCGM_FI_DEV_FB_FREE", "DCGM_FI_DEV_POWER_USAGE", "DCGM_FI_DEV_GPU_TEMP", "DCGM_FI_DEV_CLOCKS_EVENT_REASONS", "DCGM_FI_DEV_ECC_DBE_VOL_TOTAL"];
    expect(Object.fromEntries(narrowed.map((entry) => [entry.name, entry.input.alwaysWith]))).toEqual({
      ...Object.fromEntries(dcgmFields.map((field) => [field, { gpu: "0" }])),
      node_cpu_seconds_total: { mode: "idle", cpu: "0" },
      kube_pod_status_phase: { phase: "Running" },
    });
  });

  it("GIVEN every pack THEN every eager dcgm-exporter input is looked for on GPU 0, the optional and lazy ones not at all", () => {
    const dcgm = inputs.filter((entry) => entry.input?.producer === "dcgm-exporter");
    expect(dcgm.filter((entry) => (entry.input?.registration === "eager") !== (entry.input?.alwaysWith !== undefined)).map((entry) => entry.name)).toEqual([]);
  });

  it("GIVEN an input with alwaysWith WHEN InputMetricsMissing is generated for it THEN its only selector of the metric matches exactly those values", () => {
    for (const entry of narrowed) {
      const check = rules.find((rule) => rule.alert === "InputMetricsMissing" && rule.labels?.metric === entry.name);
      const selectors = check ? selectorsOf(check, entry.name) : [];
      expect(selectors, entry.name).toHaveLength(1);
      for (const [label, value] of Object.entries(entry.input.alwaysWith)) expect(selects(selectors[0] ?? [], label, value), `${entry.name} ${label}`).toBe(true);
    }
  });

  it("GIVEN an input with alwaysWith THEN a rule that is no input check reads the series with those values: the check proves what the packs read", () => {
    for (const entry of narrowed) {
      const readers = rules.filter((rule) => !isInputCheck(rule) && selectorsOf(rule, entry.name).some((matchers) => Object.entries(entry.input.alwaysWith).every(([label, value]) => accepts(matchers, label, value))));
      expect(readers.map((rule) => rule.alert ?? rule.record), entry.name).not.toEqual([]);
    }
  });
});
