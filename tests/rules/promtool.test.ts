import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { INPUT_PRODUCER_IDS, INPUT_PRODUCERS } from "../../src/catalog/input-contracts.js";
import { SEMANTIC_METRIC } from "../../src/catalog/semantic-metrics.js";
import { repositoryRoot } from "../../src/config/project-paths.js";
import { OPT_IN_FEATURES } from "../../src/docs/every-pack-environment.js";
import { PACK_NAMES } from "../../src/packs/registry.js";
import { synthesize } from "../../src/synth/synthesize.js";
import { loadTestEnvironment } from "../helpers/environments.js";
import { artifactsOf, packContext } from "../helpers/packs.js";
import { inputAlertTests } from "../helpers/input-alert-tests.js";
import { stackComponentAlertTests, type UnitTestFile } from "../helpers/stack-component-alert-tests.js";
import { tempProject, type TempProject } from "../helpers/temp-project.js";

/**
 * Runs the real promtool against the rule files that synthesis generates for an environment with
 * every pack and every component, with each pack's hand-written unit tests (its `ruleTestsDir`)
 * beside them. The lists come from the pack registry and the component table: a new pack's tests
 * run without editing this file.
 */
// Every pack, and every setting that adds rules (energy.kepler), so that each rule has its cases.
// HA, Thanos and object storage add the stack pack's alerts on the gossip cluster, Thanos and the buckets
// (remote write, which excludes Thanos, has its cases in tests/rules/stack-pack.test.ts).
const STACK_OPTIONS = OPT_IN_FEATURES[0]!;
const ALL_PACKS = `packs: [${PACK_NAMES.join(", ")}]\nenergy: { kepler: true }\n${STACK_OPTIONS}${readFileSync(join(repositoryRoot, "tests/fixtures/slos.yaml"), "utf8")}`;
const { environment } = loadTestEnvironment(ALL_PACKS, "all");
const { packs, stack } = packContext(environment);
const tests = [
  ...packs.flatMap((pack) =>
    readdirSync(join(repositoryRoot, pack.ruleTestsDir))
      .filter((f) => f.endsWith(".test.yaml"))
      .sort()
      .map((file) => ({ pack: pack.name, file, path: join(repositoryRoot, pack.ruleTestsDir, file) })),
  ),
  // The alerts components own have their cases beside their definitions (`ruleTests`).
  ...stack.watched.flatMap((component) =>
    component.ruleTests === undefined ? [] : [{ pack: component.name, file: basename(component.ruleTests), path: join(repositoryRoot, component.ruleTests) }],
  ),
];
// StackComponentDown/Absent cover every deployed component: their cases come from the component table.
const GENERATED = "stack-components.test.yaml";
const generated = stackComponentAlertTests(packContext(environment).stack, environment.settings.alerting.runbookBaseUrl);
// InputMetricsMissing/InputLabelsMissing cover every producer the packs read: their cases come from the input contracts.
const INPUTS_GENERATED = "inputs.test.yaml";
const inputsFile = artifactsOf(environment).ruleFiles.find((f) => f.name === "inputs");
if (!inputsFile) throw new Error("the all-packs environment has no inputs rule file");
const generatedInputs = inputAlertTests(packContext(environment), inputsFile);
const testFiles = [...tests.map((t) => t.file), GENERATED, INPUTS_GENERATED];

let project: TempProject;
let rulesDir: string;
let ruleFiles: string[];

beforeAll(() => {
  project = tempProject();
  project.write("stacks/all.yaml", ALL_PACKS);
  synthesize(project, { only: "all" }); // the embedded default is not read here
  rulesDir = join(project.distDir, "all", "rules");
  ruleFiles = readdirSync(rulesDir).filter((f) => f.endsWith(".yaml")).sort();
  for (const t of tests) copyFileSync(t.path, join(rulesDir, t.file));
  writeFileSync(join(rulesDir, GENERATED), stringify(generated));
  writeFileSync(join(rulesDir, INPUTS_GENERATED), stringify(generatedInputs));
});
afterAll(() => project?.remove());

function promtool(args: string[]): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("promtool", args, { cwd: rulesDir });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, output }));
  });
}


const unitTests: UnitTestFile[] = [...tests.map((t) => parse(readFileSync(t.path, "utf8")) as UnitTestFile), generated, generatedInputs];

describe("promtool", () => {
  it("GIVEN promtool WHEN asked for its version THEN it is installed (CI installs the Debian package)", () => {
    expect(execFileSync("promtool", ["--version"], { encoding: "utf8" })).toMatch(/promtool, version \d+\.\d+/);
  });

  it("GIVEN the generated rule files THEN promtool check rules accepts every one, lint included", async () => {
    expect(ruleFiles).toEqual(artifactsOf(environment).ruleFiles.map((f) => `${f.name}.yaml`).sort());
    expect(new Set(testFiles).size, "test file names are unique across packs").toBe(testFiles.length);
    const result = await promtool(["check", "rules", ...ruleFiles]);
    expect(result.output).not.toMatch(/FAILED|lint error/);
    expect(result.status).toBe(0);
  });

  // Concurrently: the files take from 1 to 16 s each, and run one after another they were the
  // longest path of the whole suite.
  it.concurrent.each(testFiles)("GIVEN %s WHEN promtool test rules runs it against the generated files THEN every case passes", async (file) => {
    const result = await promtool(["test", "rules", file]);
    expect(result.output).toContain("SUCCESS");
    expect(result.status, result.output).toBe(0);
  }, 180_000); // the slowest file takes 16 s alone, longer beside its siblings and the end-to-end suites

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
    expect(Object.values(SEMANTIC_METRIC).filter((name) => !tested.has(name))).toEqual([]);
  });

  it("GIVEN the input contracts THEN every producer has InputMetricsMissing-or-lazy and InputLabelsMissing rules with firing and quiet cases", () => {
    const rules = inputsFile.groups.flatMap((g) => g.rules);
    const labelled = new Set(rules.filter((r) => r.alert === "InputLabelsMissing").map((r) => r.labels?.producer));
    // The stack's own servers (pinned here) have no label a scrape adds or breaks: no label check, by design.
    const withoutLabelChecks = INPUT_PRODUCER_IDS.filter((id) => INPUT_PRODUCERS[id].labelChecks.length === 0);
    expect(withoutLabelChecks).toEqual(["thanos-compactor", "thanos-store", "thanos-query", "loki", "tempo", "grafana"]);
    expect([...INPUT_PRODUCER_IDS].filter((id) => !labelled.has(id) && !withoutLabelChecks.includes(id))).toEqual([]);
    const names = generatedInputs.tests.map((t) => t.name ?? "");
    for (const id of INPUT_PRODUCER_IDS) {
      const display = INPUT_PRODUCERS[id].displayName;
      expect(names.filter((n) => n.startsWith(`${display}:`)).length, id).toBeGreaterThanOrEqual(2 + INPUT_PRODUCERS[id].labelChecks.length);
    }
    // Lazily registered inputs never fire InputMetricsMissing: TGI's counters exist only after the first request.
    expect(rules.filter((r) => r.alert === "InputMetricsMissing" && r.labels?.producer === "tgi")).toEqual([]);
    expect(rules.some((r) => r.alert === "InputMetricsMissing" && r.labels?.metric === "DCGM_FI_DEV_CLOCKS_EVENT_REASONS")).toBe(true);
  });

  it("GIVEN every alert of every pack THEN its runbook exists where its runbook_url points (docs/runbooks/<alert>.md)", () => {
    const alerts = artifactsOf(environment).ruleFiles.flatMap((f) => f.groups.flatMap((g) => g.rules)).flatMap((r) => (r.alert ? [r.alert] : []));
    expect(alerts.length).toBeGreaterThan(20);
    expect(alerts.filter((alert) => !existsSync(join(repositoryRoot, "docs", "runbooks", `${alert}.md`)))).toEqual([]);
  });
});
