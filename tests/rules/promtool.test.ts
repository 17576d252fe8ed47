import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { repositoryRoot } from "../../src/config/project-paths.js";
import { synthesize } from "../../src/synth/synthesize.js";
import { tempProject, type TempProject } from "../helpers/temp-project.js";

/**
 * Runs the real promtool against the rule files that synthesis generates for the default
 * environment, with the hand-written unit tests of rules/core/tests/ beside them.
 */
const TESTS_DIR = join(repositoryRoot, "rules", "core", "tests");
const testFiles = readdirSync(TESTS_DIR).filter((f) => f.endsWith(".test.yaml")).sort();

let project: TempProject;
let rulesDir: string;
let ruleFiles: string[];

beforeAll(() => {
  project = tempProject();
  synthesize(project);
  rulesDir = join(project.distDir, "default", "rules");
  ruleFiles = readdirSync(rulesDir).filter((f) => f.endsWith(".yaml")).sort();
  for (const f of testFiles) copyFileSync(join(TESTS_DIR, f), join(rulesDir, f));
});
afterAll(() => project?.remove());

function promtool(args: string[]) {
  return spawnSync("promtool", args, { cwd: rulesDir, encoding: "utf8" });
}

interface UnitTestFile {
  rule_files: string[];
  tests: Array<{
    alert_rule_test?: Array<{ alertname: string; exp_alerts?: unknown[] }>;
    promql_expr_test?: Array<{ expr: string }>;
  }>;
}

const unitTests = testFiles.map((f) => parse(readFileSync(join(TESTS_DIR, f), "utf8")) as UnitTestFile);

describe("promtool", () => {
  it("GIVEN promtool WHEN asked for its version THEN it is installed (CI installs the Debian package)", () => {
    expect(execFileSync("promtool", ["--version"], { encoding: "utf8" })).toMatch(/promtool, version \d+\.\d+/);
  });

  it("GIVEN the generated rule files THEN promtool check rules accepts every one, lint included", () => {
    expect(ruleFiles).toEqual(["co2.yaml", "gpu.yaml", "platform.yaml", "semantic.yaml", "slo.yaml"]);
    const result = promtool(["check", "rules", ...ruleFiles]);
    expect(result.stdout + result.stderr).not.toMatch(/FAILED|lint error/);
    expect(result.status).toBe(0);
  });

  it.each(testFiles)("GIVEN %s WHEN promtool test rules runs it against the generated files THEN every case passes", (file) => {
    const result = promtool(["test", "rules", file]);
    expect(result.stdout + result.stderr).toContain("SUCCESS");
    expect(result.status, result.stdout + result.stderr).toBe(0);
  });

  it("GIVEN the unit tests THEN every alert has a firing case and (but for Watchdog) a quiet case", () => {
    const alerts = new Set(
      ruleFiles.flatMap((f) => (parse(readFileSync(join(rulesDir, f), "utf8")) as { groups: Array<{ rules: Array<{ alert?: string }> }> }).groups)
        .flatMap((g) => g.rules)
        .flatMap((r) => (r.alert ? [r.alert] : [])),
    );
    const cases = unitTests.flatMap((t) => t.tests).flatMap((t) => t.alert_rule_test ?? []);
    const firing = new Set(cases.filter((c) => (c.exp_alerts ?? []).length > 0).map((c) => c.alertname));
    const quiet = new Set(cases.filter((c) => (c.exp_alerts ?? []).length === 0).map((c) => c.alertname));
    expect([...alerts].filter((a) => !firing.has(a))).toEqual([]);
    expect([...alerts].filter((a) => !quiet.has(a) && a !== "Watchdog")).toEqual([]);
  });

  it("GIVEN the unit tests THEN every recording rule of the semantic layer has an exact-value expression test", () => {
    const tested = new Set(unitTests.flatMap((t) => t.tests).flatMap((t) => t.promql_expr_test ?? []).map((c) => c.expr.replace(/\{.*$/, "")));
    const semantic = ["nf_gpu_util", "nf_vram_used_gb", "nf_cpu_percent", "nf_ram_used_gb", "codecarbon_energy_kwh", "nf_cost_usd", "nf_co2_kg"];
    expect(semantic.filter((name) => !tested.has(name))).toEqual([]);
  });
});
