import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repositoryRoot } from "../src/config/project-paths.js";
import { median, type BenchResult } from "./stats.js";

const RUNS = 7;
const NFOPS = join(repositoryRoot, "bin", "nfops.mjs");

/**
 * Whole-process wall time (median of 7 after a warm-up) of `nfops diff --base HEAD~1 --head HEAD`
 * on a git repository holding this repository's stacks and dist/, then the same stacks with the GPU
 * temperature threshold changed in every environment (one alert, one panel, one ConfigMap key each,
 * and every manifest header of the embedded default).
 */
export function benchDiff(): BenchResult[] {
  const root = mkdtempSync(join(tmpdir(), "nfops-bench-diff-"));
  const run = (command: string, args: readonly string[]) => {
    const result = spawnSync(command, args, { cwd: root, encoding: "utf8", maxBuffer: 1 << 26 });
    if (result.status !== 0 && !(args[1] === "diff" && result.status === 1)) throw new Error(`${command} ${args.join(" ")} failed:\n${result.stderr}`);
    return result;
  };
  const git = (...args: string[]) => run("git", ["-c", "user.name=bench", "-c", "user.email=bench@example.com", ...args]);
  try {
    for (const folder of ["stacks", "pricing"]) cpSync(join(repositoryRoot, folder), join(root, folder), { recursive: true });
    run(process.execPath, [NFOPS, "synth", "--root", root]);
    git("init", "-q");
    git("add", "-A");
    git("commit", "-qm", "base");
    writeFileSync(join(root, "stacks", "default.yaml"), "gpu:\n  temperatureCelsius: 90\n");
    for (const name of ["prod.yaml", "kps.yaml"]) {
      const file = join(root, "stacks", name);
      const text = readFileSync(file, "utf8");
      writeFileSync(file, /^gpu:$/m.test(text) ? text.replace(/^gpu:$/m, "gpu:\n  temperatureCelsius: 90") : `${text}gpu:\n  temperatureCelsius: 90\n`);
    }
    run(process.execPath, [NFOPS, "synth", "--root", root]);
    git("add", "-A");
    git("commit", "-qm", "head");
    const args = [NFOPS, "diff", "--root", root, "--base", "HEAD~1", "--head", "HEAD", "--exit-code"];
    run(process.execPath, args);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      run(process.execPath, args);
      times.push(performance.now() - started);
    }
    const files = git("diff", "--name-only", "HEAD~1", "HEAD", "--", "dist").stdout.trim().split("\n").length;
    return [{ name: "nfops diff HEAD~1 HEAD (3 environments)", value: median(times), unit: "ms", note: `whole process, median of ${RUNS}; ${files} files of dist/ differ` }];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
