import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stackAlerts } from "../../rules/stack/alerts.js";
import { repositoryRoot } from "../../src/config/project-paths.js";
import { DOCTOR_CHECKS } from "../../src/doctor/checks.js";
import { doctorChecks, renderText } from "../../src/doctor/run-doctor.js";
import type { DoctorCheck, DoctorContext, PrometheusApi } from "../../src/model/stack-model.js";
import { loadTestEnvironment } from "../helpers/environments.js";
import { artifactsOf, packContext } from "../helpers/packs.js";

/**
 * The doctor checks the end-to-end suite cannot provoke on loopback (a group slower than its
 * interval, skipped iterations) and the operator profile's wording, against a fake Prometheus API.
 */
const THANOS_YAML = "longTermStorage:\n  kind: thanos\n  objectStorage: { secretName: thanos-bucket }\n";

function contextWith(yaml: string, prometheus: PrometheusApi): DoctorContext {
  const { environment } = loadTestEnvironment(yaml);
  return { ...packContext(environment), artifacts: artifactsOf(environment), prometheus };
}

const check = (kind: string): DoctorCheck => {
  const found = DOCTOR_CHECKS.find((c) => c.kind === kind);
  if (!found) throw new Error(`no check ${kind}`);
  return found;
};

describe("nfops doctor checks", () => {
  it("GIVEN a group whose last evaluation took longer than its interval, and one that skipped iterations THEN rule-group-slow reports both", async () => {
    const context = contextWith("", {
      query: async (expr) => (expr.startsWith("prometheus_rule_group_iterations_missed_total") ? [{ labels: { rule_group: "/etc/prometheus/rules/gpu.yaml;nfops-gpu" }, value: 3 }] : []),
      get: async () => ({ groups: [{ name: "nfops-semantic.rules", interval: 30, evaluationTime: 41.5, rules: [] }, { name: "not-ours", interval: 1, evaluationTime: 9, rules: [] }] }),
    });
    const findings = await check("rule-group-slow").run(context);
    expect(findings.map((f) => [f.subject, f.message])).toEqual([
      ["nfops-semantic.rules", "last evaluation took 41.50 s, longer than its 30 s interval"],
      ["nfops-gpu", "3 evaluations were skipped because the previous one was still running"],
    ]);
  });

  it("GIVEN the operator profile and no group loaded THEN rule-group-missing names each PrometheusRule the ruleSelector does not pick", async () => {
    const context = contextWith("profile: operator\n", { query: async () => [], get: async () => ({ groups: [] }) });
    const findings = await check("rule-group-missing").run(context);
    const files = new Set(context.artifacts.ruleFiles.map((f) => f.name));
    expect(new Set(findings.map((f) => /PrometheusRule nfops-(\S+) is not loaded/.exec(f.message)?.[1]))).toEqual(files);
    expect(findings[0]?.fix).toContain("operator.selectorLabels");
  });

  it("GIVEN a pack with a check of its own THEN doctor runs it after the built-in ones", () => {
    const extra: DoctorCheck = { kind: "stack-alert", description: "x", run: async () => [] };
    const context = contextWith("", { query: async () => [], get: async () => ({}) });
    const packs = context.packs.map((pack, index) => (index === 0 ? { ...pack, doctorChecks: [extra] } : { ...pack, doctorChecks: [] }));
    expect(doctorChecks({ packs }).map((c) => c.kind)).toEqual([...DOCTOR_CHECKS.map((c) => c.kind), "stack-alert"]);
  });

  it("GIVEN the stack pack in effect THEN doctor evaluates its alert conditions for what is deployed, each result a finding with its runbook", async () => {
    const asked: string[] = [];
    const context = contextWith("", {
      query: async (expr) => {
        asked.push(expr);
        return expr.startsWith("prometheus_config_last_reload_successful") ? [{ labels: { job: "prometheus", instance: "10.0.0.2:9090" }, value: 0 }] : [];
      },
      get: async () => ({}),
    });
    expect(context.packs.map((p) => p.name)).toContain("stack");
    const stackCheck = doctorChecks(context).find((c) => c.kind === "stack-alert");
    if (!stackCheck) throw new Error("no stack-alert check");
    const findings = await stackCheck.run(context);
    expect(findings).toEqual([
      {
        kind: "stack-alert",
        subject: "PrometheusConfigReloadFailed job=prometheus instance=10.0.0.2:9090",
        message: "Prometheus rejected its new configuration and keeps running the old one. (value 0; it fires once this holds for 10m)",
        fix: `follow the runbook ${context.environment.settings.alerting.runbookBaseUrl}/PrometheusConfigReloadFailed.md`,
      },
    ]);
    // Exactly the pack's expressions for this environment, less those a built-in check reports.
    const expected = stackAlerts(context.stack).filter((a) => !["PrometheusAlertmanagersNotDiscovered", "PrometheusRuleGroupIterationsMissed", "PrometheusRuleGroupSlow"].includes(a.name));
    expect(asked).toEqual(expected.map((a) => a.expr));
    expect(asked.some((e) => e.includes("thanos_"))).toBe(false); // no Thanos in the default environment
    for (const a of expected) expect(existsSync(join(repositoryRoot, "docs", "runbooks", `${a.name}.md`)), a.name).toBe(true);
  });

  it("GIVEN Thanos deployed THEN its conditions are evaluated too", async () => {
    const asked: string[] = [];
    const context = contextWith(THANOS_YAML, { query: async (expr) => (asked.push(expr), []), get: async () => ({}) });
    expect(await doctorChecks(context).find((c) => c.kind === "stack-alert")?.run(context)).toEqual([]);
    expect(asked.filter((e) => e.includes("thanos_compact_halted"))).toHaveLength(1);
  });

  it("GIVEN findings THEN the text has one line per finding with its fix", () => {
    expect(renderText([{ kind: "job-down", subject: "node-exporter 10.0.0.1:9100", message: "does not answer", fix: "open /targets" }], 10)).toBe("job-down node-exporter 10.0.0.1:9100: does not answer. Fix: open /targets\n");
    expect(renderText([], 10)).toBe("no findings (10 checks)\n");
  });
});
