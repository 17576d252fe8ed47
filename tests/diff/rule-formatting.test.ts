import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { repositoryRoot } from "../../src/config/project-paths.js";
import type { OutputTree, RuleChange } from "../../src/diff/model.js";
import { promqlShape } from "../../src/diff/promql-shape.js";
import { renderMarkdown } from "../../src/diff/render-markdown.js";
import { diffTrees } from "../../src/diff/tree-diff.js";

type Rule = { record?: string; alert?: string; expr: string; labels?: Record<string, string> };
type RuleFile = { groups: Array<{ name: string; rules: Rule[] }> };

const OPTIONS = { base: "before", head: "after" };
const RULES = join(repositoryRoot, "dist", "default", "rules");

/** The committed rule files of the default environment, as the tree `nfops diff` reads. */
const committed = (): OutputTree => new Map(readdirSync(RULES).map((file) => [`default/rules/${file}`, readFileSync(join(RULES, file), "utf8")]));

/** The tree with `edit` applied to every rule of one file (returns the rule unchanged to leave it). */
function edited(file: string, edit: (rule: Rule) => Rule): OutputTree {
  const tree = new Map(committed());
  const content = parse(tree.get(`default/rules/${file}`)!) as RuleFile;
  for (const group of content.groups) group.rules = group.rules.map(edit);
  tree.set(`default/rules/${file}`, stringify(content));
  return tree;
}

const rulesOf = (tree: OutputTree) => diffTrees(committed(), tree, OPTIONS).environments[0]?.rules ?? [];
const byName = (rules: readonly RuleChange[], name: string) => rules.find((r) => r.name === name);

/** Five recording rules of the semantic layer, re-indented over several lines. */
const FIVE = ["namespace_service:nf_infer_requests:rate5m", "namespace_service:nf_infer_errors:rate5m", "namespace_service:nf_infer_latency_ms:p95_rate5m", "nf_cpu_percent", "nf_ram_used_gb"];

describe("nfops diff compares rule expressions by PromQL parse tree", () => {
  it("GIVEN whitespace and newlines changed in 5 recording rules THEN they read 'formatting only', not '5 recording rules changed'", () => {
    const after = edited("semantic.yaml", (rule) => (FIVE.includes(rule.record ?? "") ? { ...rule, expr: `\n  ${rule.expr.replace(/ /g, "\n    ").replace(/\n/g, "  \n\t")}\n` } : rule));
    const diff = diffTrees(committed(), after, OPTIONS);
    expect(diff.total).toEqual({ dashboards: 0, panels: 0, alerts: 0, records: 0, objects: 0, formattingOnly: 5 });
    expect(diff.environments[0]!.rules.map((r) => [r.kind, r.name]).sort()).toEqual(FIVE.map((name) => ["formatting", name]).sort());
    const markdown = renderMarkdown(diff);
    expect(markdown).toContain("**formatting only (5 rules)** in 1 of 1 environment.");
    expect(markdown).toContain("<b>default</b>: formatting only (5 rules)</summary>");
    expect(markdown).toContain("- formatting only: recording rule **nf\\_cpu\\_percent** (semantic.yaml / nfops-node-cpu.rules)");
    expect(markdown).not.toMatch(/recording rules? changed/);
  });

  it("GIVEN comments added, keywords upper-cased, `by` moved after the argument and redundant parentheses THEN formatting only", () => {
    const after = edited("semantic.yaml", (rule) =>
      rule.record === "namespace_service:nf_infer_requests:rate5m" ? { ...rule, expr: "# requests per service\n(SUM(rate(nf_infer_requests_total[5m])) BY (namespace, service)) # per second" } : rule,
    );
    expect(rulesOf(after)).toEqual([
      { kind: "formatting", rule: "record", name: "namespace_service:nf_infer_requests:rate5m", group: "semantic.yaml / nfops-inference.rules", changes: [{ field: "expr", tokens: "formatting only (same PromQL parse tree)" }] },
    ]);
  });

  it.each([
    ["a threshold", "GPUTemperatureHigh", (expr: string) => expr.replace("> 85", "> 90")],
    ["a label matcher", "GPUTemperatureHigh", (expr: string) => expr.replace('job="dcgm-exporter"', 'job="dcgm"')],
    ["a function", "GPUTemperatureHigh", (expr: string) => expr.replace("max by", "min by")],
    ["parentheses that regroup", "GPUTemperatureHigh", (expr: string) => `(${expr.replace(" > 85", "")} - 1) * 2 > 85`],
  ])("GIVEN %s changed THEN the alert is changed, with its token diff", (_what, name, edit) => {
    const rules = rulesOf(edited("gpu.yaml", (rule) => (rule.alert === name ? { ...rule, expr: edit(rule.expr) } : rule)));
    expect(rules.map((r) => [r.kind, r.name])).toEqual([["changed", name]]);
    const expr = rules[0]!.changes.find((c) => c.field === "expr");
    expect(expr?.tokens).toMatch(/\[-.*-\]|\{\+.*\+\}/);
  });

  it("GIVEN a reformatted expression and a changed label THEN the rule is changed, and its expression line says formatting only", () => {
    const rules = rulesOf(edited("gpu.yaml", (rule) => (rule.alert === "GPUTemperatureHigh" ? { ...rule, expr: rule.expr.replace(" > ", "\n  >  "), labels: { ...rule.labels, severity: "critical" } } : rule)));
    expect(rules[0]).toMatchObject({ kind: "changed", name: "GPUTemperatureHigh" });
    expect(rules[0]!.changes).toEqual([
      { field: "expr", tokens: "formatting only (same PromQL parse tree)" },
      { field: "label severity", before: "warning", after: "critical" },
    ]);
    expect(diffTrees(committed(), edited("gpu.yaml", (rule) => (rule.alert === "GPUTemperatureHigh" ? { ...rule, labels: { ...rule.labels, severity: "critical" } } : rule)), OPTIONS).total.alerts).toBe(1);
  });

  it("GIVEN an expression that does not parse THEN it is compared as text and the field says so, even for a whitespace-only change", () => {
    const broken = (expr: string) => expr.replace("DCGM_FI_DEV_GPU_TEMP{", "DCGM_FI_DEV_GPU_TEMP{{");
    const before = edited("gpu.yaml", (rule) => (rule.alert === "GPUTemperatureHigh" ? { ...rule, expr: broken(rule.expr) } : rule));
    const after = edited("gpu.yaml", (rule) => (rule.alert === "GPUTemperatureHigh" ? { ...rule, expr: broken(rule.expr).replace(" > ", "  >  ") } : rule));
    const [rule] = diffTrees(before, after, OPTIONS).environments[0]!.rules;
    expect(rule).toMatchObject({ kind: "changed", name: "GPUTemperatureHigh" });
    expect(rule!.changes.map((c) => c.field)).toEqual(["expr (not valid PromQL on either side, compared as text)"]);
    const headOnly = byName(rulesOf(after), "GPUTemperatureHigh");
    expect(headOnly!.changes[0]).toMatchObject({ field: "expr (not valid PromQL on the head side, compared as text)" });
    expect(headOnly!.changes[0]!.tokens).toContain("{+{+}");
    expect(renderMarkdown(diffTrees(committed(), after, OPTIONS))).toContain("**1 alert changed** in 1 of 1 environment.");
  });
});

describe("promqlShape", () => {
  it.each([
    ["sum by (a) (x) > 0.5", "sum(x) by (a) > .5"],
    ["x > 500", "x > 5e2"],
    ["x{a='b'}", 'x{a="b"}'],
    ["((a)) + b", "a + (b)"],
    ["a AND ON() b", "a and on () b"],
  ])("GIVEN %j and %j THEN the shapes are equal", (a, b) => {
    expect(promqlShape(a)).toBeDefined();
    expect(promqlShape(a)).toBe(promqlShape(b));
  });

  it.each([
    ["(a + b) * c", "a + b * c"],
    ["a - (b - c)", "a - b - c"],
    ["rate(x[5m])", "rate(x[10m])"],
    ["x{a=\"B\"}", "x{a=\"b\"}"],
    ["Metric", "metric"],
    ["x{a=\"b\\\"c\"}", "x{a='b\"c'}"],
    ["sum by (a, b) (x)", "sum by (b, a) (x)"],
  ])("GIVEN %j and %j THEN the shapes differ (escaped strings and reordered labels are not judged, so they count as changes)", (a, b) => {
    expect(promqlShape(a)).not.toBe(promqlShape(b));
  });

  it("GIVEN text that does not parse THEN no shape", () => {
    expect(promqlShape("sum(x{")).toBeUndefined();
    expect(promqlShape("x >")).toBeUndefined();
  });
});
