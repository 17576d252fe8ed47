// `npm run bench`: speed and memory figures for the closing notes. Never asserted in tests.
import { benchBenchmark } from "./benchmark.js";
import { benchCli } from "./cli.js";
import { benchConfig } from "./config.js";
import { benchDiff } from "./diff.js";
import { benchExporter } from "./exporter.js";
import { benchKubernetesRules } from "./k8s.js";
import { benchRules } from "./rules.js";
import { benchStackRules } from "./stack.js";
import { benchSynth } from "./synth.js";
import type { BenchResult } from "./stats.js";

const suites: Array<[string, () => BenchResult[] | Promise<BenchResult[]>]> = [
  ["cli", () => benchCli()],
  ["config", () => benchConfig()],
  ["synth", () => benchSynth()],
  ["diff", () => benchDiff()],
  ["exporter", () => benchExporter()],
  // `npm run bench -- rules 1000` measures other fleet sizes (GPUs, comma-separated).
  ["rules", () => benchRules(process.argv[3] ? process.argv[3].split(",").map(Number) : undefined)],
  // `npm run bench -- benchmark 300` measures a longer window (seconds).
  ["benchmark", () => benchBenchmark(process.argv[3] ? Number(process.argv[3]) : undefined)],
  // `npm run bench -- k8s 1000` measures other cluster sizes (nodes of 30 pods, comma-separated).
  ["k8s", () => benchKubernetesRules(process.argv[3] ? process.argv[3].split(",").map(Number) : undefined)],
  // The stack pack's share of the default environment's rule cost (`npm run bench -- stack 1000`: GPUs).
  ["stack", () => benchStackRules(process.argv[3] ? Number(process.argv[3]) : undefined)],
];

const only = process.argv[2];
for (const [name, run] of suites) {
  if (only && only !== name) continue;
  for (const result of await run()) {
    console.log(`${result.name.padEnd(48)} ${result.value.toFixed(2).padStart(10)} ${result.unit.padEnd(4)} ${result.note}`);
  }
}
