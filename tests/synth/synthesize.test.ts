import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config/errors.js";
import { repositoryRoot } from "../../src/config/project-paths.js";
import { formatSummary, synthesize } from "../../src/synth/synthesize.js";
import { tempProject, type TempProject } from "../helpers/temp-project.js";

let project: TempProject;
afterEach(() => project?.remove());

// The repository's environments synthesized once, in-process: both determinism cases compare against it.
describe("synthesis of the repository's inputs", () => {
  let repository: TempProject;
  let first: Map<string, string>;
  beforeAll(() => {
    repository = tempProject({ stacks: "repository" });
    synthesize(repository);
    first = repository.snapshotDist();
  });
  afterAll(() => repository?.remove());

  it("GIVEN the repository's inputs WHEN synthesizing twice THEN the two dist trees are byte-identical", () => {
    synthesize(repository);
    expect(repository.snapshotDist()).toEqual(first);
    expect([...first.keys()]).toEqual(expect.arrayContaining(["default/manifests/kustomization.yaml", "prod/manifests/kustomization.yaml", "schemas/environment.schema.json"]));
  });

  it("GIVEN a Thai locale WHEN the CLI synthesizes THEN the output is byte-identical to the default locale's (ordering by code point, not locale)", () => {
    const result = spawnSync(process.execPath, [join(repositoryRoot, "bin", "nfops.mjs"), "synth", "--root", repository.root], {
      encoding: "utf8",
      env: { ...process.env, LC_ALL: "th_TH.UTF-8", LANG: "th_TH.UTF-8" },
    });
    expect(result.status, result.stderr).toBe(0);
    expect(repository.snapshotDist()).toEqual(first);
  });
});

describe("synthesis", () => {

  it("GIVEN a summary WHEN synthesizing THEN it counts the files and objects actually written", () => {
    project = tempProject();
    const [summary] = synthesize(project);
    const written = [...project.snapshotDist().entries()].filter(([path]) => path.startsWith("default/"));
    expect(summary?.name).toBe("default");
    expect(summary?.files).toBe(written.length);
    expect(summary?.bytes).toBe(written.reduce((n, [, text]) => n + Buffer.byteLength(text), 0));
    expect(summary?.objects).toBeGreaterThan(0);
  });

  it("GIVEN a previous dist WHEN a stack file turns bad THEN synthesis throws and dist is untouched", () => {
    project = tempProject();
    project.write("stacks/staging.yaml", "region: us-east-1\n");
    synthesize(project);
    const before = project.snapshotDist();
    project.write("stacks/staging.yaml", "region: us-east-1\nslo:\n  errorRatio: 5\n");
    expect(() => synthesize(project)).toThrowError(ConfigError);
    expect(project.snapshotDist()).toEqual(before);
  });

  it("GIVEN a removed stack file WHEN synthesizing THEN its stale dist directory disappears", () => {
    project = tempProject();
    project.write("stacks/old.yaml", "{}\n");
    synthesize(project);
    expect(existsSync(join(project.distDir, "old"))).toBe(true);
    rmSync(join(project.stacksDir, "old.yaml"));
    synthesize(project);
    expect(existsSync(join(project.distDir, "old"))).toBe(false);
  });

  it("GIVEN --env WHEN synthesizing THEN only that environment's directory is replaced", () => {
    project = tempProject();
    project.write("stacks/a.yaml", "{}\n");
    synthesize(project);
    const before = project.snapshotDist();
    project.write("stacks/a.yaml", "namespace: other\n");
    const summaries = synthesize(project, { only: "a" });
    expect(summaries.map((s) => s.name)).toEqual(["a"]);
    const after = project.snapshotDist();
    expect(after.get("default/manifests/kustomization.yaml")).toBe(before.get("default/manifests/kustomization.yaml"));
    expect(after.has("a/manifests/base/namespace-other.yaml")).toBe(true);
  });

  it("GIVEN a bad stack WHEN the CLI runs THEN it exits 1, names file, path and value, and writes nothing", () => {
    project = tempProject();
    synthesize(project);
    const before = project.snapshotDist();
    project.write("stacks/prod.yaml", "budgets:\n  weeklyCostUsd: -5\n");
    const result = spawnSync(process.execPath, [join(repositoryRoot, "bin", "nfops.mjs"), "synth", "--root", project.root], { encoding: "utf8" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("stacks/prod.yaml:2:18: /budgets/weeklyCostUsd: must be > 0 (value: -5)");
    expect(result.stdout).toBe("");
    expect(project.snapshotDist()).toEqual(before);
  });

  it("GIVEN settings that would make an object larger than the API server accepts WHEN synthesizing THEN it fails naming the object, its size and its largest field, and writes nothing", () => {
    project = tempProject();
    synthesize(project);
    const before = project.snapshotDist();
    // YAML aliases repeat one 240 kB block of annotations over five alerts: a small file, a large rule ConfigMap.
    const annotations = Array.from({ length: 60 }, (_, i) => `      a${i}: "${"x".repeat(4000)}"`).join("\n");
    const reused = ["HighCPUUsage", "HighMemoryUsage", "DiskFull", "InferenceLatencyHigh"].map((name) => `  ${name}: { annotations: *big }`).join("\n");
    project.write("stacks/big.yaml", `alerts:\n  SystemDown:\n    annotations: &big\n${annotations}\n${reused}\n`);
    expect(() => synthesize(project)).toThrow(
      /^stacks\/big\.yaml: ConfigMap\/nfops-monitoring\/prometheus-rules would be \d+ bytes, above the API server's 1048576-byte object limit; its largest field is \/data\/platform\.yaml \(\d+ bytes\); the largest setting is \/alerts \(\d+ bytes of JSON\)$/,
    );
    expect(project.snapshotDist()).toEqual(before);
  });

  it("GIVEN no heartbeat URL key WHEN synthesizing THEN the summary says Watchdog goes nowhere; GIVEN one THEN it does not", () => {
    project = tempProject();
    project.write("stacks/beating.yaml", "alerting:\n  heartbeatUrlKey: heartbeat-url\n");
    const summaries = new Map(synthesize(project).map((s) => [s.name, s]));
    expect(summaries.get("default")?.notices).toEqual([expect.stringContaining("Watchdog goes to the null receiver")]);
    expect(formatSummary(summaries.get("default")!)).toContain("\n  note: Watchdog goes to the null receiver");
    expect(summaries.get("beating")?.notices).toEqual([]);
  });
});
