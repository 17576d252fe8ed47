import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectPaths, repositoryRoot } from "../src/config/project-paths.js";
import { synthesize } from "../src/synth/synthesize.js";
import { median, type BenchResult } from "./stats.js";

/** Median wall time of a full synthesis of the repository's inputs into a scratch directory. */
export function benchSynth(runs = 7): BenchResult[] {
  const root = mkdtempSync(join(tmpdir(), "nfops-bench-"));
  try {
    cpSync(join(repositoryRoot, "pricing"), join(root, "pricing"), { recursive: true });
    cpSync(join(repositoryRoot, "stacks"), join(root, "stacks"), { recursive: true });
    const paths = projectPaths(root);
    synthesize(paths); // warm-up: module loading and JIT are not what we measure
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      synthesize(paths);
      times.push(performance.now() - started);
    }
    return [
      { name: "synth: full, median wall time", value: median(times), unit: "ms", note: `${runs} runs, all environments, after one warm-up` },
      { name: "synth: full, slowest run", value: Math.max(...times), unit: "ms", note: "" },
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
