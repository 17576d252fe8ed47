import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { repositoryRoot } from "../../src/config/project-paths.js";
import type { Rule } from "../../src/model/artifacts.js";
import { synthesize } from "../../src/synth/synthesize.js";
import { configErrorOf } from "../helpers/config-error.js";
import { loadTestEnvironment } from "../helpers/environments.js";
import type { UnitTestFile } from "../helpers/stack-component-alert-tests.js";
import { tempProject, type TempProject } from "../helpers/temp-project.js";

/** Names of the alerts an environment's overrides turn off (`enabled: false`). */
function disabledAlerts(overrides: Readonly<Record<string, { readonly enabled?: boolean }>>): Set<string> {
  return new Set(Object.entries(overrides).filter(([, o]) => o.enabled === false).map(([name]) => name));
}

const TUNED = [
  "alerts:",
  "  HighCPUUsage: { enabled: false }",
  "  GPUTemperatureHigh:",
  "    for: 10m",
  "    severity: critical",
  "    labels: { team: hardware }",
  "    annotations: { summary: A GPU is too hot for this fleet. }",
  "",
].join("\n");

/** A pack's unit tests without the cases of alerts the environment disabled. */
function withoutAlerts(file: UnitTestFile, disabled: ReadonlySet<string>): UnitTestFile {
  return { ...file, tests: file.tests.map((t) => ({ ...t, alert_rule_test: t.alert_rule_test?.filter((c) => !disabled.has(c.alertname)) })) };
}

let project: TempProject;
let rulesDir: string;
const rules = (file: string): Rule[] => (parse(readFileSync(join(rulesDir, file), "utf8")) as { groups: { rules: Rule[] }[] }).groups.flatMap((g) => g.rules);

beforeAll(() => {
  project = tempProject();
  project.write("stacks/tuned.yaml", TUNED);
  synthesize(project);
  rulesDir = join(project.distDir, "tuned", "rules");
});
afterAll(() => project.remove());

describe("per-alert overrides", () => {
  it("GIVEN enabled: false WHEN synthesized THEN the alert is gone from the rule files, and only there", () => {
    expect(rules("semantic.yaml").map((r) => r.alert)).not.toContain("HighCPUUsage");
    expect(readFileSync(join(project.distDir, "default", "rules", "semantic.yaml"), "utf8")).toContain("alert: HighCPUUsage");
  });

  it("GIVEN for, severity, labels and annotations WHEN synthesized THEN they replace or join the pack's, and the runbook link stays", () => {
    const rule = rules("gpu.yaml").find((r) => r.alert === "GPUTemperatureHigh");
    expect(rule).toMatchObject({
      for: "10m",
      labels: { severity: "critical", category: "gpu", team: "hardware" },
      annotations: { summary: "A GPU is too hot for this fleet.", runbook_url: expect.stringMatching(/\/GPUTemperatureHigh\.md$/) },
    });
    expect(rule?.annotations?.description).toContain("°C");
  });

  it("GIVEN the tuned rule files WHEN promtool checks them and runs the core tests without the disabled alert's cases THEN all pass", () => {
    const disabled = disabledAlerts(loadTestEnvironment(TUNED).environment.settings.alerts);
    expect([...disabled]).toEqual(["HighCPUUsage"]);
    const tests = join(repositoryRoot, "rules", "core", "tests", "platform.test.yaml");
    writeFileSync(join(rulesDir, "platform.test.yaml"), stringify(withoutAlerts(parse(readFileSync(tests, "utf8")) as UnitTestFile, disabled)));
    const files = ["semantic.yaml", "platform.yaml"];
    const check = spawnSync("promtool", ["check", "rules", ...files], { cwd: rulesDir, encoding: "utf8" });
    expect(check.status, check.stdout + check.stderr).toBe(0);
    const run = spawnSync("promtool", ["test", "rules", "platform.test.yaml"], { cwd: rulesDir, encoding: "utf8" });
    expect(run.stdout + run.stderr).toContain("SUCCESS");
  });

  it("GIVEN an override of an alert no pack in effect defines WHEN loading THEN the error is located and lists the alerts", () => {
    const message = configErrorOf(() => loadTestEnvironment("alerts:\n  HighCpuUsage: { enabled: false }\n"));
    expect(message).toContain("stacks/test.yaml:2:17: /alerts/HighCpuUsage: is not an alert of the packs in effect (known: ");
    expect(message).toContain("HighCPUUsage");
    // An alert of a component's pack counts only where the component is deployed.
    expect(configErrorOf(() => loadTestEnvironment("profile: operator\nalerts:\n  EndpointDown: { severity: info }\n"))).toContain("/alerts/EndpointDown: is not an alert");
  });
});
