import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repositoryRoot } from "../../src/config/project-paths.js";
import { runNfops } from "../helpers/nfops-cli.js";

/** A git repository with the committed dist/ of this one, then a commit that raises the GPU temperature threshold by hand. */
function twoCommitRepository(): string {
  const root = mkdtempSync(join(tmpdir(), "nfops-diff-cli-"));
  const git = (...args: string[]) => spawnSync("git", ["-c", "user.name=test", "-c", "user.email=test@example.com", ...args], { cwd: root, encoding: "utf8" });
  cpSync(join(repositoryRoot, "dist"), join(root, "dist"), { recursive: true });
  cpSync(join(repositoryRoot, "pricing"), join(root, "pricing"), { recursive: true });
  git("init", "-q");
  git("add", "-A");
  git("commit", "-qm", "base");
  const rules = join(root, "dist", "prod", "rules", "gpu.yaml");
  writeFileSync(rules, readFileSync(rules, "utf8").replace("DCGM_FI_DEV_GPU_TEMP{job=\"dcgm-exporter\"} > 85)", "DCGM_FI_DEV_GPU_TEMP{job=\"dcgm-exporter\"} > 90)"));
  git("commit", "-qam", "head");
  return root;
}

describe("nfops diff", () => {
  let root: string;
  beforeAll(() => {
    root = twoCommitRepository();
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("GIVEN two refs with a changed alert and --exit-code THEN it prints the Markdown and exits 1", async () => {
    const result = await runNfops(["diff", "--root", root, "--base", "HEAD~1", "--head", "HEAD", "--exit-code"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("<details><summary><b>prod</b>: 1 alert changed</summary>");
    // It waits 5 minutes: the group that runs once a minute (src/promql/sustained-alerts.ts).
    expect(result.stdout).toContain("changed alert **GPUTemperatureHigh** (gpu.yaml / nfops-gpu)");
    // Every environment of this repository but prod, whatever environments it has.
    const others = readdirSync(join(repositoryRoot, "dist"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== "prod" && entry.name !== "schemas")
      .map((entry) => entry.name)
      .sort();
    expect(result.stdout).toContain(`(unchanged: ${others.join(", ")})`);
  });

  it("GIVEN the same change without --exit-code THEN it exits 0; as JSON it lists the entry", async () => {
    const result = await runNfops(["diff", "--root", root, "--base", "HEAD~1", "--head", "HEAD", "--format", "json", "--env", "prod"]);
    expect(result.status).toBe(0);
    const diff = JSON.parse(result.stdout);
    expect(diff.total).toEqual({ dashboards: 0, panels: 0, alerts: 1, records: 0, objects: 0, formattingOnly: 0 });
    expect(diff.environments[0].rules[0].changes[0]).toMatchObject({ field: "expr", before: "85", after: "90" });
  });

  it("GIVEN identical refs THEN nothing is printed and the exit code is 0 even with --exit-code", async () => {
    const result = await runNfops(["diff", "--root", root, "--base", "HEAD", "--head", "HEAD", "--exit-code"]);
    expect(result).toEqual({ status: 0, stdout: "", stderr: "" });
  });

  it("GIVEN an unknown ref THEN it exits 2 and names the ref", async () => {
    const result = await runNfops(["diff", "--root", root, "--base", "no-such-branch", "--head", "HEAD"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown ref "no-such-branch"');
  });

  it("GIVEN a working tree whose stack file is invalid THEN synthesis of that side fails with exit 2", async () => {
    cpSync(join(repositoryRoot, "stacks"), join(root, "stacks"), { recursive: true });
    writeFileSync(join(root, "stacks", "broken.yaml"), "scrapeInterval: 0s\n");
    try {
      const result = await runNfops(["diff", "--root", root, "--base", "HEAD", "--worktree"]);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain("synthesis of the working tree failed");
      expect(result.stderr).toContain("stacks/broken.yaml");
    } finally {
      rmSync(join(root, "stacks"), { recursive: true, force: true });
    }
  });

  it("GIVEN --head and --worktree together THEN it is a usage error (exit 2)", async () => {
    const result = await runNfops(["diff", "--root", root, "--head", "HEAD", "--worktree"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("give one");
  });

  it("GIVEN --pictures for a change without panel moves THEN no picture is written", async () => {
    const pictures = join(root, "pictures");
    const result = await runNfops(["diff", "--root", root, "--base", "HEAD~1", "--head", "HEAD", "--pictures", pictures]);
    expect(result.status).toBe(0);
    expect(existsSync(join(pictures, "prod"))).toBe(false);
  });

  it("GIVEN a ref whose committed dist/ holds a file that does not parse THEN the error names the ref and the file, not its content", async () => {
    const git = (...args: string[]) => spawnSync("git", ["-c", "user.name=test", "-c", "user.email=test@example.com", ...args], { cwd: root, encoding: "utf8" });
    const branch = git("rev-parse", "--abbrev-ref", "HEAD").stdout.trim();
    const dashboard = readdirSync(join(root, "dist", "prod", "dashboards"))[0] as string;
    git("checkout", "-qb", "truncated");
    try {
      writeFileSync(join(root, "dist", "prod", "dashboards", dashboard), '{"title": "SECRET-ish content');
      git("commit", "-qam", "truncated dashboard");
      const result = await runNfops(["diff", "--root", root, "--base", branch, "--head", "truncated"]);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain(`nfops diff: dist/prod/dashboards/${dashboard} at truncated cannot be read: `);
      expect(result.stderr).not.toContain("SECRET-ish");
    } finally {
      git("checkout", "-qf", branch);
    }
  });
});
