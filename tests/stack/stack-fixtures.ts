import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Environment } from "../../src/config/environment-schema.js";
import { loadTestEnvironment as loadOneEnvironment, loadTestEnvironments as loadEnvironmentsFromYaml } from "../helpers/environments.js";

/** Environments loaded through the real loader from YAML texts keyed by name. */
export function loadTestEnvironments(stacks: Record<string, string>): Map<string, Environment> {
  return new Map(loadEnvironmentsFromYaml(stacks).environments.map((e) => [e.name, e]));
}

export function loadTestEnvironment(yaml: string): Environment {
  return loadOneEnvironment(yaml).environment;
}

/** Writes files (relative path -> text) into a fresh temporary directory and returns it. */
export function writeTree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "nfops-stack-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** Runs an external validator; its output is in the result for assertion messages. */
export function run(command: string, args: readonly string[], cwd?: string): { status: number | null; output: string } {
  const result = spawnSync(command, args, { cwd, encoding: "utf8" });
  return { status: result.status, output: `${result.stdout}${result.stderr}${result.error?.message ?? ""}` };
}
