import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repositoryRoot } from "../src/config/project-paths.js";
import { median, type BenchResult } from "./stats.js";

const RUNS = 7;
const NFOPS = join(repositoryRoot, "bin", "nfops.mjs");
/**
 * Preloaded (`--require`, so that ts-node's CommonJS hooks still apply) into each measured process:
 * reports its peak RSS on exit, with no external `time` needed.
 */
const REPORT_PEAK_RSS = 'process.on("exit", () => require("node:fs").writeSync(2, `\\npeak-rss-kb=${process.resourceUsage().maxRSS}\\n`));\n';

interface ProcessFigures {
  readonly wallMs: number;
  readonly peakRssMb: number;
}

/**
 * Whole-process wall time and peak RSS of the CLI as users run it (`node bin/nfops.mjs …`), median of
 * 7 after one warm-up run (which builds the CLI bundle when the sources changed), side by side with
 * the default cdk8s toolchain: ts-node running a one-Deployment cdk8s-plus app.
 */
export function benchCli(): BenchResult[] {
  const root = mkdtempSync(join(tmpdir(), "nfops-bench-cli-"));
  // Inside node_modules so that the baseline app resolves cdk8s from this repository's packages.
  const baselineDir = join(repositoryRoot, "node_modules", ".cache", "nfops-bench-baseline");
  try {
    cpSync(join(repositoryRoot, "pricing"), join(root, "pricing"), { recursive: true });
    cpSync(join(repositoryRoot, "stacks"), join(root, "stacks"), { recursive: true });
    const preload = join(root, "report-peak-rss.cjs");
    writeFileSync(preload, REPORT_PEAK_RSS);
    const measure = (command: string, args: readonly string[], cwd?: string) => measureProcess(preload, command, args, cwd);
    const auditLog = join(root, "audit.jsonl");
    const append = ["audit", "append", "--event", "LOGIN", "--actor", "bench", "--outcome", "success", "--file", auditLog, "--no-fsync"];
    const synth = measure(process.execPath, [NFOPS, "synth", "--root", root]);
    const baseline = measure(join(repositoryRoot, "node_modules", ".bin", "ts-node"), ["main.ts"], writeBaselineApp(baselineDir));
    return [
      ...figure("cli: npm run synth (node bin/nfops.mjs synth)", synth, "all environments into a scratch root"),
      ...figure("cli: default cdk8s toolchain (ts-node, 1 Deployment)", baseline, "the cdk8s init template's way to synth"),
      { name: "cli: synth / default toolchain", value: synth.wallMs / baseline.wallMs, unit: "x", note: "target <= 0.33" },
      ...figure("cli: nfops audit append", measure(process.execPath, [NFOPS, ...append]), "one event"),
      ...figure("cli: nfops audit verify", measure(process.execPath, [NFOPS, "audit", "verify", "--file", auditLog]), `${RUNS + 1} records`),
      ...figure("cli: nfops cost", measure(process.execPath, [NFOPS, "cost", "--energy-kwh", "10", "--gpu-hours", "5", "--root", root]), ""),
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(baselineDir, { recursive: true, force: true });
  }
}

function figure(name: string, figures: ProcessFigures, note: string): BenchResult[] {
  return [
    { name: `${name}, wall`, value: figures.wallMs, unit: "ms", note: `median of ${RUNS}${note ? `; ${note}` : ""}` },
    { name: `${name}, peak RSS`, value: figures.peakRssMb, unit: "MB", note: "" },
  ];
}

function measureProcess(preload: string, command: string, args: readonly string[], cwd: string = repositoryRoot): ProcessFigures {
  const walls: number[] = [];
  const rss: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    const started = performance.now();
    const result = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, NODE_OPTIONS: `--require=${preload}` } });
    const wallMs = performance.now() - started;
    if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${result.stdout}${result.stderr}`);
    if (run === 0) continue; // warm-up
    walls.push(wallMs);
    const peak = /peak-rss-kb=(\d+)/.exec(result.stderr)?.[1];
    if (peak) rss.push(Number(peak) / 1024);
  }
  return { wallMs: median(walls), peakRssMb: Math.max(...rss) };
}

/** The app `cdk8s init typescript-app` would give, reduced to one cdk8s-plus Deployment. */
function writeBaselineApp(dir: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "baseline", private: true, type: "commonjs" }));
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { target: "ES2020", module: "commonjs", moduleResolution: "node", strict: true, esModuleInterop: true, skipLibCheck: true, types: ["node"] } }),
  );
  writeFileSync(
    join(dir, "main.ts"),
    [
      'import { App, Chart } from "cdk8s";',
      'import * as kplus from "cdk8s-plus-28";',
      "const app = new App({ outdir: 'dist' });",
      "const chart = new Chart(app, 'baseline');",
      "new kplus.Deployment(chart, 'web', { containers: [{ image: 'nginx:1.27', portNumber: 80 }] });",
      "app.synth();",
      "",
    ].join("\n"),
  );
  return dir;
}
