import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { loadEnvironments } from "../src/config/load-environments.js";
import { loadPricing } from "../src/config/load-pricing.js";
import { projectPaths } from "../src/config/project-paths.js";
import { ruleFileYaml } from "../src/model/artifacts.js";
import { stackContext } from "../src/synth/render-environment.js";
import type { BenchResult } from "./stats.js";

const HOURS = 2;
const SCRAPES = (HOURS * 3600) / 15;
const MODELS = ["NVIDIA A100-SXM4-80GB", "NVIDIA H100 80GB HBM3", "NVIDIA L4", "Tesla T4"];

/**
 * Rule evaluation cost at fleet scale: promtool evaluates every generated rule file of the default
 * environment every 15 s over two hours of synthetic input (GPUs with dcgm series, inference services
 * with latency histograms, nodes), and the wall time is divided by the evaluations. It includes
 * promtool's loading of the input series, so it is an upper bound on what Prometheus spends.
 */
export function benchRules(fleets: readonly number[] = [64, 512]): BenchResult[] {
  const paths = projectPaths();
  const pricing = loadPricing(paths);
  const environment = loadEnvironments(paths, pricing).find((e) => e.name === "default");
  if (!environment) throw new Error("no default environment");
  const results: BenchResult[] = [];
  for (const gpus of fleets) {
    const dir = mkdtempSync(join(tmpdir(), "nfops-rules-bench-"));
    try {
      const files = stackContext({ environment, pricing }).artifacts.ruleFiles;
      for (const file of files) writeFileSync(join(dir, `${file.name}.yaml`), ruleFileYaml(file));
      writeFileSync(join(dir, "bench.test.yaml"), stringify(syntheticTest(files.map((f) => `${f.name}.yaml`), gpus)));
      const started = performance.now();
      const run = spawnSync("promtool", ["test", "rules", "bench.test.yaml"], { cwd: dir, encoding: "utf8" });
      const seconds = (performance.now() - started) / 1000;
      if (run.status !== 0) throw new Error(`promtool failed: ${run.stdout}${run.stderr}`);
      const evaluations = SCRAPES;
      results.push(
        { name: `rules: ${gpus} GPUs, wall time for ${HOURS}h at 15s`, value: seconds, unit: "s", note: `${gpus / 8} nodes, ${gpus / 4} services, all rule files` },
        { name: `rules: ${gpus} GPUs, per evaluation round`, value: (seconds * 1000) / evaluations, unit: "ms", note: "upper bound (includes loading the input)" },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return results;
}

function syntheticTest(ruleFiles: string[], gpus: number) {
  const series: Array<{ series: string; values: string }> = [];
  for (let i = 0; i < gpus; i++) {
    const node = `gpu-node-${Math.floor(i / 8)}`;
    const held = i % 5 !== 0;
    const labels = `job="dcgm-exporter",node="${node}",gpu="${i % 8}",UUID="GPU-${i}",modelName="${MODELS[i % MODELS.length]}",namespace="${held ? `team-${i % 10}` : ""}",pod="${held ? `job-${i}` : ""}"`;
    series.push(
      { series: `DCGM_FI_DEV_GPU_UTIL{${labels}}`, values: `${(i * 7) % 100}x${SCRAPES}` },
      { series: `DCGM_FI_DEV_FB_USED{${labels}}`, values: `${1000 + i}x${SCRAPES}` },
      { series: `DCGM_FI_DEV_FB_FREE{${labels}}`, values: `${40000 - i}x${SCRAPES}` },
      { series: `DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION{${labels}}`, values: `0+${4_000_000 + i}x${SCRAPES}` },
    );
  }
  for (let n = 0; n < gpus / 8; n++) {
    series.push(
      { series: `node_cpu_seconds_total{job="node-exporter",node="gpu-node-${n}",cpu="0",mode="idle"}`, values: `0+7.5x${SCRAPES}` },
      { series: `node_memory_MemTotal_bytes{job="node-exporter",node="gpu-node-${n}"}`, values: `512000000000x${SCRAPES}` },
      { series: `node_memory_MemAvailable_bytes{job="node-exporter",node="gpu-node-${n}"}`, values: `256000000000x${SCRAPES}` },
    );
  }
  for (let s = 0; s < gpus / 4; s++) {
    const labels = `namespace="team-${s % 10}",service="svc-${s}"`;
    for (const [le, perScrape] of [["100", 80], ["250", 95], ["500", 99], ["+Inf", 100]] as const) {
      series.push({ series: `nf_infer_latency_ms_bucket{${labels},le="${le}"}`, values: `0+${perScrape}x${SCRAPES}` });
    }
    series.push(
      { series: `nf_infer_requests_total{${labels}}`, values: `0+100x${SCRAPES}` },
      { series: `nf_infer_errors_total{${labels}}`, values: `0+1x${SCRAPES}` },
    );
  }
  for (const [metric, value] of [["nf_datacenter_pue", 1.2], ["nf_grid_carbon_intensity_g_per_kwh", 350], ["nf_electricity_price_usd_per_kwh", 0.1]] as const) {
    series.push({ series: `${metric}{region="us-east-1"}`, values: `${value}x${SCRAPES}` });
  }
  MODELS.forEach((model, i) => series.push({ series: `nf_gpu_price_usd_per_hour{gpu_model="${model}"}`, values: `${i + 1}x${SCRAPES}` }));
  return {
    rule_files: ruleFiles,
    evaluation_interval: "15s",
    tests: [
      {
        interval: "15s",
        input_series: series,
        // One check that the roll-ups were really computed: every held or idle namespace has a cost.
        promql_expr_test: [{ expr: "count(nf_cost_usd) > 0", eval_time: `${HOURS}h`, exp_samples: [{ labels: "{}", value: countCostSeries(gpus) }] }],
      },
    ],
  };
}

/** Distinct (namespace, gpu_model) pairs the synthetic fleet produces. */
function countCostSeries(gpus: number): number {
  const pairs = new Set<string>();
  for (let i = 0; i < gpus; i++) pairs.add(`${i % 5 !== 0 ? `team-${i % 10}` : "unallocated"}/${MODELS[i % MODELS.length]}`);
  return pairs.size;
}
