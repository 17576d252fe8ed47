import { PrometheusRule } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1";
import { describe, expect, it } from "vitest";
import { formatNumber, leMatcher } from "../../src/promql/expressions.js";
import { rateWindow } from "../../src/promql/windows.js";
import { findMetric } from "../../src/catalog/find-metric.js";
import { SLO_METRIC } from "../../src/catalog/slo-metrics.js";
import type { Environment } from "../../src/config/environment-schema.js";
import { parsePromQL, promqlMetrics } from "../helpers/query-syntax.js";
import { loadTestEnvironments } from "../helpers/environments.js";
import { artifactsOf } from "../helpers/packs.js";

function environments(stacks: Record<string, string> = {}): Environment[] {
  return loadTestEnvironments(stacks).environments;
}

// `llm` enables the llm pack (opt-in) with its thresholds changed, so its rules are checked too.
const all = environments({
  operator: "profile: operator\n",
  tight: "scrapeInterval: 1m\nslo: {latencyP95Ms: 100, errorRatio: 0.001}\n",
  llm: "packs: [core, llm]\nllm: {dailyCostUsd: 250, errorRatio: 0.05, ttftP95Seconds: 1, queueBacklog: 20}\n",
});
const ruleFilesOf = (env: Environment) => artifactsOf(env).ruleFiles;
const rulesOf = (env: Environment) => ruleFilesOf(env).flatMap((f) => f.groups.flatMap((g) => g.rules));

describe("rule definitions", () => {
  it.each(all.map((e) => [e.name, e] as const))("GIVEN environment %s THEN every expression parses and reads only catalogued metrics", (_name, env) => {
    const catalog = artifactsOf(env).metrics;
    for (const rule of rulesOf(env)) {
      const parsed = parsePromQL(rule.expr);
      expect(parsed.errors, `${rule.alert ?? rule.record}: ${rule.expr}`).toEqual([]);
      const metrics = promqlMetrics(parsed);
      // Watchdog always fires; an SLO's objective is a constant recorded beside its SLIs.
      const constant = rule.alert === "Watchdog" || rule.record === SLO_METRIC.objective;
      expect(metrics.length, `${rule.alert ?? rule.record} reads no metric`).toBeGreaterThan(constant ? -1 : 0);
      expect(metrics.filter((m) => !findMetric(catalog, m)), `${rule.alert ?? rule.record}`).toEqual([]);
    }
  });

  it.each(all.map((e) => [e.name, e] as const))("GIVEN environment %s THEN every alert follows the conventions", (_name, env) => {
    for (const rule of rulesOf(env).filter((r) => r.alert)) {
      expect(rule.alert).toMatch(/^[A-Z][A-Za-z0-9]+$/);
      expect(["critical", "warning", "info"]).toContain(rule.labels?.severity);
      // Categories are open (a pack may bring its own): a label value Alertmanager routes can match.
      expect(rule.labels?.category).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(rule.annotations?.summary).toBeTruthy();
      expect(rule.annotations?.runbook_url).toBe(`${env.settings.alerting.runbookBaseUrl}/${rule.alert}.md`);
      if (rule.alert !== "Watchdog") expect(rule.annotations?.description).toMatch(/\$value|\$labels/);
    }
  });

  it("GIVEN every recording rule THEN its name is a fixed semantic name or follows level:metric:operations", () => {
    const fixed = ["nf_gpu_util", "nf_vram_used_gb", "nf_cpu_percent", "nf_ram_used_gb", "codecarbon_energy_kwh", "nf_cost_usd", "nf_co2_kg"];
    for (const rule of rulesOf(all[0]!).filter((r) => r.record)) {
      if (!fixed.includes(rule.record!)) expect(rule.record).toMatch(/^[a-z_]+:[a-z_0-9]+:[a-z_0-9]+$/);
    }
  });

  it("GIVEN thresholds in the environment THEN they are substituted into the expressions", () => {
    const tight = all.find((e) => e.name === "tight")!;
    const slo = rulesOf(tight);
    expect(slo.find((r) => r.alert === "InferenceLatencyHigh")?.expr).toBe(
      "namespace_service:nf_infer_latency_ms:p95_rate5m > 100\nand\nnamespace_service:nf_infer_requests:rate5m >= 0.1",
    );
    expect(slo.find((r) => r.alert === "InferenceErrorRateHigh")?.expr).toBe(
      "namespace_service:nf_infer_error_ratio:rate5m > 0.001\nand\nnamespace_service:nf_infer_requests:rate5m >= 0.1",
    );
    // 14.4 x 0.001 without floating-point noise.
    expect(slo.find((r) => r.alert === "InferenceErrorBudgetBurn" && r.labels?.severity === "critical")?.expr).toContain("> 0.0144");
    // A 1m scrape interval widens the 5m rate window to four scrapes.
    expect(slo.find((r) => r.record === "nf_cpu_percent")?.expr).toContain("[5m]");
  });

  it("GIVEN llm thresholds in the environment THEN they are substituted into the LLM alerts", () => {
    const llm = rulesOf(all.find((e) => e.name === "llm")!);
    const expr = (name: string) => llm.find((r) => r.alert === name)?.expr;
    expect(expr("LLMDailyCostHigh")).toBe("sum(sum_over_time(nf_llm_cost_usd[23h59m59s:1h])) > 250");
    expect(expr("LLMErrorRateHigh")).toBe("namespace_service_model:nf_llm_error_ratio:rate5m > 0.05\nor\nnamespace_provider_model:nf_llm_error_ratio:rate5m > 0.05");
    expect(expr("LLMTimeToFirstTokenHigh")).toBe("namespace_service_model:nf_llm_time_to_first_token_seconds:p95_rate5m > 1");
    expect(expr("InferenceQueueBacklog")).toBe("namespace_service_model:nf_llm_waiting_requests:sum > 20");
    // Opt-in: no LLM rule without the pack.
    expect(rulesOf(all.find((e) => e.name === "default")!).some((r) => r.alert === "LLMErrorRateHigh")).toBe(false);
  });

  it.each([
    [250, 'le=~"250(\\\\.0)?"'],
    [0.5, 'le=~"0\\\\.5"'],
  ])("GIVEN the bucket boundary %f THEN the le matcher matches both Prometheus 2 and 3 spellings", (boundary, expected) => {
    expect(leMatcher(boundary)).toBe(expected);
  });

  it.each([
    ["15s", "5m"],
    ["1s", "5m"],
    ["1m", "5m"],
    ["2m", "8m"],
  ])("GIVEN scrape interval %s THEN the rate window is %s (at least four scrapes)", (interval, window) => {
    const [env] = environments({ default: `scrapeInterval: ${interval}\n` });
    expect(rateWindow(env!.settings)).toBe(window);
  });

  it("GIVEN floating-point products THEN thresholds print without noise", () => {
    expect(formatNumber(14.4 * 0.005)).toBe("0.072");
    expect(formatNumber(6 * 0.005)).toBe("0.03");
  });

  it("GIVEN the operator profile THEN only the exporters shipped here are watched for absence", () => {
    const operator = all.find((e) => e.name === "operator")!;
    const absent = rulesOf(operator).find((r) => r.alert === "StackComponentAbsent");
    expect(absent?.expr).toBe('absent(up{job="nfops-cost-exporter"})');
    expect(rulesOf(operator).some((r) => r.alert === "SystemDown")).toBe(false);
  });

  it.each(all.map((e) => [e.name, e] as const))("GIVEN environment %s THEN each rule file is a valid PrometheusRule spec", (_name, env) => {
    for (const file of ruleFilesOf(env)) {
      const object = new PrometheusRule({
        metadata: { name: `nfops-${file.name}`, namespace: env.settings.namespace },
        spec: { groups: file.groups.map((g) => ({ name: g.name, rules: g.rules.map((r) => ({ ...r })) })) },
      });
      expect(() => object.validate()).not.toThrow();
    }
  });
});
