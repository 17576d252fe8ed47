import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { dcgmFields, GPU_OPERATOR_DEFAULT_FIELDS } from "../../src/catalog/dcgm-exporter.js";
import { repositoryRoot } from "../../src/config/project-paths.js";
import { ruleFileYaml } from "../../src/model/artifacts.js";
import { PACK_NAMES } from "../../src/packs/registry.js";
import { loadTestEnvironment } from "../helpers/environments.js";
import { artifactsOf } from "../helpers/packs.js";

/**
 * The packs' recordings computed by promtool from the contract fixtures (tests/fixtures/contracts/),
 * which imitate each producer at a named version, quirks included; node-exporter, the blackbox
 * exporter and the Pushgateway are recorded from the running binaries (record-binaries.ts). Each
 * sample becomes a constant series with the labels the scrape adds; expected values are computed
 * here from the fixture's numbers, independently of the rules. Where a recording reads a rate, the
 * counters grow by a stated amount per minute (their fixture value, or for CPU seconds the mode's share
 * of the CPU), so the expected rate follows from the fixture alone.
 */
const FIXTURES = join(repositoryRoot, "tests", "fixtures", "contracts");
const { environment } = loadTestEnvironment(`packs: [${PACK_NAMES.join(", ")}]\nenergy: { kepler: true }\n`, "all");
const ruleFiles = artifactsOf(environment).ruleFiles;

interface Sample {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly value: number;
}

/** The samples of a text-format file; comments and HELP/TYPE lines skipped. */
function fixture(file: string): Sample[] {
  return readFileSync(join(FIXTURES, file), "utf8")
    .split("\n")
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => {
      const match = /^([^{ ]+)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`${file}: not a sample: ${line}`);
      const labels: Record<string, string> = {};
      for (const pair of (match[2] ?? "").matchAll(/([A-Za-z_][A-Za-z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[pair[1] ?? ""] = pair[2] ?? "";
      return { name: match[1] ?? "", labels, value: Number(match[3]) };
    });
}

const value = (samples: readonly Sample[], name: string, where: (labels: Record<string, string>) => boolean = () => true) => {
  const found = samples.filter((s) => s.name === name && where(s.labels));
  if (found.length !== 1) throw new Error(`${found.length} samples of ${name}`);
  return found[0]?.value ?? Number.NaN;
};

/**
 * The samples as promtool input series, with the labels the scrape adds (`honor_labels`: the exporter's win).
 * `perMinute` makes a sample a counter growing from 0 by that much a minute (undefined: constant at its value).
 */
function scraped(samples: readonly Sample[], target: Record<string, string>, up = true, perMinute: (s: Sample) => number | undefined = () => undefined, minutes = 40) {
  const series = samples.map((s) => {
    const labels = { ...target, ...s.labels };
    const body = Object.entries(labels)
      .filter(([, v]) => v !== "")
      .map(([k, v]) => `${k}="${v}"`)
      .join(",");
    const growth = perMinute(s);
    return { series: `${s.name}{${body}}`, values: growth === undefined ? `${s.value}x${minutes}` : `0+${growth}x${minutes}` };
  });
  return up ? [...series, { series: `up{job="${target.job ?? ""}",instance="${target.instance ?? ""}"}`, values: `1x${minutes}` }] : series;
}

/** Every sample of the fixture grows by its own value a minute: a rate over whole minutes is that value / 60 per second. */
const growsByValue = (s: Sample) => s.value;

/**
 * `expr` equals `expected` within a relative 1e-9 (rates are sums of floating-point quotients): 1
 * with the expression's labels (no `__name__`, which abs() drops).
 */
function near(expr: string, labels: Record<string, string>, expected: number, evalTime = AT) {
  const tolerance = Math.max(Math.abs(expected) * 1e-9, 1e-12);
  return { expr: `abs(${expr} - ${expected}) <= bool ${tolerance}`, eval_time: evalTime, exp_samples: [exp(labels, 1)] };
}

const AT = "30m";
/**
 * promtool evaluates every rule of the 13 files at every step up to the last eval_time, once per case:
 * at 1 m that was 31 passes per case and the longest file of the suite. The fixtures are constants
 * or counters growing by a fixed amount a minute, so each recording reads the same at 30 m whatever
 * the step, and the alerts the cases check (`for: 15m`) have fired by 15 m at this step as at 1 m.
 */
const EVALUATION_INTERVAL = "5m";
const exp = (labels: Record<string, string>, v: number) => ({ labels: `{${Object.entries(labels).map(([k, l]) => `${k}="${l}"`).join(",")}}`, value: v });
/** A recording's expected sample: promtool compares `__name__` too. */
const recorded = (name: string, labels: Record<string, string>, v: number) => exp({ __name__: name, ...labels }, v);
const quiet = (alertname: string) => ({ eval_time: AT, alertname, exp_alerts: [] });

const node = fixture("node-exporter.prom");
const dcgm = fixture("dcgm-exporter.prom");
const gpuOperator = fixture("dcgm-exporter-gpu-operator.prom");
const virtualGpus = fixture("dcgm-exporter-virtual-gpus.prom");
const ksm = fixture("kube-state-metrics.prom");
const cadvisor = fixture("cadvisor.prom");
const kepler = fixture("kepler.prom");
const blackbox = fixture("blackbox-exporter.prom");
const pushgateway = fixture("pushgateway.prom");
const servers = { vllm: fixture("vllm.prom"), tgi: fixture("tgi.prom"), triton: fixture("triton.prom") };

const NODE = "gpu-node-1";
const gpuLabels = (s: Sample) => ({ UUID: s.labels.UUID ?? "", container: s.labels.container ?? "", gpu: s.labels.gpu ?? "", modelName: s.labels.modelName ?? "", namespace: s.labels.namespace ?? "", node: NODE, pod: s.labels.pod ?? "" });
const nonEmpty = (labels: Record<string, string>) => Object.fromEntries(Object.entries(labels).filter(([, v]) => v !== "").sort(([a], [b]) => (a < b ? -1 : 1)));

/** nf_gpu_util and nf_vram_used_gb of each GPU of a dcgm-exporter fixture. */
function gpuRecordings(samples: readonly Sample[]) {
  const util = samples.filter((s) => s.name === "DCGM_FI_DEV_GPU_UTIL");
  const used = samples.filter((s) => s.name === "DCGM_FI_DEV_FB_USED");
  return [
    { expr: "nf_gpu_util", eval_time: AT, exp_samples: util.map((s) => recorded("nf_gpu_util", nonEmpty(gpuLabels(s)), s.value)) },
    { expr: "nf_vram_used_gb", eval_time: AT, exp_samples: used.map((s) => recorded("nf_vram_used_gb", nonEmpty(gpuLabels(s)), (s.value * 1048576) / 1e9)) },
  ];
}

/** A GPU's share when each GPU has one holder or none (no sharing): 1 to its pod, or to unallocated. */
function wholeGpuShares(samples: readonly Sample[]) {
  const shareOf = (s: Sample) => {
    const { container: _container, ...labels } = gpuLabels(s);
    return recorded("namespace_pod_gpu:nf_gpu_share:ratio", nonEmpty({ ...labels, gpu_model: s.labels.modelName ?? "", namespace: s.labels.namespace || "unallocated" }), 1);
  };
  return { expr: "namespace_pod_gpu:nf_gpu_share:ratio", eval_time: AT, exp_samples: samples.filter((s) => s.name === "DCGM_FI_DEV_GPU_UTIL").map(shareOf) };
}

const servingTarget = (server: string) => ({ job: "inference", namespace: "ml", pod: `${server}-0`, service: "chat", instance: "10.3.0.1:8000" });

/** The cost exporter's coefficients for the environment's region, as it would publish them. */
const COEFFICIENTS = { nf_datacenter_pue: 1.25, nf_grid_carbon_intensity_g_per_kwh: 400, nf_electricity_price_usd_per_kwh: 0.12 };
/** Past a whole hour of samples, so increase(…[1h]) covers its full window. */
const KEPLER_AT = "90m";

const tests = [
  {
    name: "node-exporter (recorded, 1.5.0) scraped with node: nf_ram_used_gb, labels as the contract says",
    interval: "1m",
    input_series: scraped(node, { job: "node-exporter", instance: "10.0.0.1:9100", node: "node-a" }),
    promql_expr_test: [{ expr: "nf_ram_used_gb", eval_time: AT, exp_samples: [recorded("nf_ram_used_gb", { node: "node-a" }, (value(node, "node_memory_MemTotal_bytes") - value(node, "node_memory_MemAvailable_bytes")) / 1e9)] }],
    alert_rule_test: [quiet("InputMetricsMissing"), quiet("InputLabelsMissing")],
  },
  {
    name: "node-exporter (recorded) scraped as kube-prometheus-stack does by default, without node: InputLabelsMissing counts every CPU series",
    interval: "1m",
    input_series: scraped(node, { job: "node-exporter", instance: "10.0.0.1:9100" }),
    promql_expr_test: [
      { expr: 'ALERTS{alertname="InputLabelsMissing",alertstate="firing"}', eval_time: AT, exp_samples: [exp({ __name__: "ALERTS", alertname: "InputLabelsMissing", alertstate: "firing", category: "platform", instance: "10.0.0.1:9100", job: "node-exporter", label: "node", producer: "node-exporter", severity: "warning" }, 1)] },
      { expr: 'count(node_cpu_seconds_total{node=""})', eval_time: AT, exp_samples: [exp({}, node.filter((s) => s.name === "node_cpu_seconds_total").length)] },
    ],
  },
  {
    name: "dcgm-exporter as deployed (4.4.2-4.7.0): nf_gpu_util, nf_vram_used_gb, the held GPU's share to its pod and the unheld one's to unallocated",
    interval: "1m",
    input_series: scraped(dcgm, { job: "dcgm-exporter", instance: "10.0.0.5:9400", node: NODE }),
    promql_expr_test: [
      ...gpuRecordings(dcgm),
      wholeGpuShares(dcgm),
    ],
    alert_rule_test: [quiet("InputMetricsMissing"), quiet("InputLabelsMissing")],
  },
  {
    name: "dcgm-exporter 4.5.3-4.8.2 with --kubernetes-virtual-gpus: a time-sliced GPU split by each pod's own use, the unheld one unallocated",
    interval: "1m",
    input_series: scraped(virtualGpus, { job: "dcgm-exporter", instance: "10.0.0.6:9400", node: NODE }, false),
    promql_expr_test: [
      {
        expr: `namespace_pod_gpu:nf_gpu_share:ratio{node="${NODE}"}`,
        eval_time: AT,
        exp_samples: (() => {
          const util = virtualGpus.filter((s) => s.name === "DCGM_FI_DEV_GPU_UTIL");
          const held = util.filter((s) => (s.labels.pod ?? "") !== "");
          const heldUuids = new Set(held.map((s) => s.labels.UUID));
          const share = (s: Sample) => s.value / held.filter((h) => h.labels.UUID === s.labels.UUID).reduce((a, h) => a + h.value, 0);
          const row = (s: Sample, namespace: string, pod: string, v: number) =>
            recorded("namespace_pod_gpu:nf_gpu_share:ratio", nonEmpty({ UUID: s.labels.UUID ?? "", gpu: s.labels.gpu ?? "", gpu_model: s.labels.modelName ?? "", modelName: s.labels.modelName ?? "", namespace, node: NODE, pod }), v);
          return [
            ...held.map((s) => row(s, s.labels.namespace ?? "", s.labels.pod ?? "", share(s))),
            ...util.filter((s) => !heldUuids.has(s.labels.UUID)).map((s) => row(s, "unallocated", "", 1)),
          ];
        })(),
      },
    ],
  },
  {
    name: "dcgm-exporter with the GPU Operator's default collectors file: the same utilisation, and InputMetricsMissing names exactly the fields it lacks",
    interval: "1m",
    input_series: scraped(gpuOperator, { job: "dcgm-exporter", instance: "10.0.0.5:9400", node: NODE }),
    promql_expr_test: [
      ...gpuRecordings(gpuOperator),
      {
        expr: 'count by (metric) (ALERTS{alertname="InputMetricsMissing",alertstate="firing"})',
        eval_time: AT,
        exp_samples: [exp({ metric: "DCGM_FI_DEV_CLOCKS_EVENT_REASONS" }, 1), exp({ metric: "DCGM_FI_DEV_ECC_DBE_VOL_TOTAL" }, 1)],
      },
    ],
  },
  {
    name: "kube-state-metrics (v2.16.0): requests of the namespace's active pods, the finished Job's left out",
    interval: "1m",
    input_series: scraped(ksm, { job: "kube-state-metrics", instance: "10.0.0.7:8080" }),
    promql_expr_test: [
      {
        expr: "namespace:kube_pod_container_resource_requests:sum",
        eval_time: AT,
        exp_samples: ["cpu", "memory", "nvidia_com_gpu"].map((resource) =>
          recorded("namespace:kube_pod_container_resource_requests:sum", { namespace: "ml", resource }, ksm.filter((s) => s.name === "kube_pod_container_resource_requests" && s.labels.pod === "chat-7d9f-abcde" && s.labels.resource === resource).reduce((a, s) => a + s.value, 0)),
        ),
      },
    ],
    alert_rule_test: [quiet("InputMetricsMissing"), quiet("InputLabelsMissing")],
  },
  {
    name: "cAdvisor (kubelet v1.33): the namespace's working set, the pod cgroup, pause container and root cgroup left out",
    interval: "1m",
    input_series: [...scraped(ksm, { job: "kube-state-metrics", instance: "10.0.0.7:8080" }), ...scraped(cadvisor, { job: "cadvisor", instance: "10.0.0.1:10250", node: NODE })],
    promql_expr_test: [
      {
        expr: "namespace:container_memory_working_set_bytes:sum",
        eval_time: AT,
        exp_samples: [recorded("namespace:container_memory_working_set_bytes:sum", { namespace: "ml" }, cadvisor.filter((s) => s.name === "container_memory_working_set_bytes" && s.labels.namespace === "ml" && !["", "POD"].includes(s.labels.container ?? "")).reduce((a, s) => a + s.value, 0))],
      },
    ],
    alert_rule_test: [quiet("InputMetricsMissing"), quiet("InputLabelsMissing")],
  },
  {
    name: "Kepler (v0.10.2): labels as the contract says (its host energy recordings wait for the idle-energy fix)",
    interval: "1m",
    input_series: scraped(kepler, { job: "kepler", instance: "10.0.0.1:9102" }),
    alert_rule_test: [quiet("InputMetricsMissing"), quiet("InputLabelsMissing")],
  },
  ...(["vllm", "tgi", "triton"] as const).map((server) => ({
    name: `${server}: requests waiting, summed per service and model; every eager input there, labels as the contract says`,
    interval: "1m",
    input_series: scraped(servers[server], servingTarget(server), false),
    promql_expr_test: [{ expr: "sum by (server) (namespace_service_model:nf_llm_waiting_requests:sum)", eval_time: AT, exp_samples: [exp({ server }, waiting(server))] }],
    alert_rule_test: [quiet("InputMetricsMissing"), quiet("InputLabelsMissing")],
  })),
  {
    name: "TGI (v3.3.7): requests are success + the server's failures, each counted once; tgi_request_count's double count is read by no rule",
    interval: "1m",
    input_series: scraped(servers.tgi, servingTarget("tgi"), false, growsByValue),
    promql_expr_test: (() => {
      const tgi = servers.tgi;
      const failed = (errs: readonly string[]) => tgi.filter((s) => s.name === "tgi_request_failure" && errs.includes(s.labels.err ?? "")).reduce((a, s) => a + s.value, 0);
      // router/src/infer/mod.rs @ v3.3.7: generation, incomplete and overloaded are the server's doing; validation the client's.
      const serverFailures = failed(["generation", "incomplete", "overloaded"]);
      const requests = value(tgi, "tgi_request_success") + serverFailures;
      const labels = { model: "chat", namespace: "ml", server: "tgi", service: "chat" };
      expect(requests).toBe(value(tgi, "tgi_request_count") / 2 - failed(["validation"]));
      return [
        near("namespace_service_model:nf_llm_requests:rate5m", labels, requests / 60),
        near("namespace_service_model:nf_llm_errors:rate5m", labels, serverFailures / 60),
        near('namespace_service_model:nf_llm_errors:rate5m{server="tgi"} / namespace_service_model:nf_llm_requests:rate5m', labels, serverFailures / requests),
      ];
    })(),
  },
  {
    name: "vLLM (0.10): requests and errors count the engine's finished requests and the 5xx the API server answered before the engine",
    interval: "1m",
    input_series: scraped(servers.vllm, servingTarget("vllm"), false, growsByValue),
    promql_expr_test: (() => {
      const vllm = servers.vllm;
      const finished = vllm.filter((s) => s.name === "vllm:request_success_total").reduce((a, s) => a + s.value, 0);
      const engineErrors = value(vllm, "vllm:request_success_total", (l) => l.finished_reason === "error");
      const http5xx = value(vllm, "http_requests_total", (l) => l.status === "5xx");
      const beforeEngine = Math.max(0, http5xx - engineErrors);
      expect(beforeEngine).toBe(1); // the fixture's quirk: one 5xx never reached the engine
      const labels = { model: "meta-llama/Llama-3.1-8B-Instruct", namespace: "ml", server: "vllm", service: "chat" };
      return [
        near("namespace_service_model:nf_llm_requests:rate5m", labels, (finished + beforeEngine) / 60),
        near("namespace_service_model:nf_llm_errors:rate5m", labels, (engineErrors + beforeEngine) / 60),
      ];
    })(),
  },
  {
    name: "node-exporter (recorded) without a node label: nf_cpu_percent and nf_ram_used_gb per node, named from node_uname_info",
    interval: "1m",
    // Each CPU's mode counters grow by the mode's share of that CPU a minute x 60: the rates are the shares.
    input_series: scraped(node, { job: "node-exporter", instance: "10.0.0.1:9100" }, true, (s) => (s.name === "node_cpu_seconds_total" ? (60 * s.value) / cpuTotal(s.labels.cpu ?? "") : undefined)),
    promql_expr_test: (() => {
      const nodename = node.find((s) => s.name === "node_uname_info")?.labels.nodename ?? "";
      const cpus = [...new Set(node.filter((s) => s.name === "node_cpu_seconds_total").map((s) => s.labels.cpu ?? ""))];
      const idleShare = cpus.map((cpu) => value(node, "node_cpu_seconds_total", (l) => l.cpu === cpu && l.mode === "idle") / cpuTotal(cpu));
      const cpuPercent = 100 * (1 - idleShare.reduce((a, v) => a + v, 0) / cpus.length);
      return [
        near("nf_cpu_percent", { node: nodename }, cpuPercent),
        near("nf_ram_used_gb", { node: nodename }, (value(node, "node_memory_MemTotal_bytes") - value(node, "node_memory_MemAvailable_bytes")) / 1e9),
      ];
    })(),
  },
  {
    name: "Kepler (v0.10.2): the node's idle CPU and DRAM energy, its cost and CO2 go to unallocated",
    interval: "1m",
    input_series: [
      ...scraped(kepler, { job: "kepler", instance: "10.0.0.1:9102" }, true, (s) => s.value / 60, 100),
      ...Object.entries(COEFFICIENTS).map(([metric, v]) => ({ series: `${metric}{region="${environment.settings.region}"}`, values: `${v}x100` })),
    ],
    promql_expr_test: (["cpu", "dram"] as const).flatMap((source) => {
      // increase over 1h of a counter growing by v/60 a minute is v; Kepler's zones: package is the CPU, dram the memory.
      const kwh = value(kepler, "kepler_node_cpu_idle_joules_total", (l) => l.zone === (source === "cpu" ? "package" : "dram")) / 3.6e6;
      const labels = { namespace: "unallocated", source };
      const energy = kwh * COEFFICIENTS.nf_datacenter_pue;
      return [
        near(`namespace_source:nf_host_energy_kwh:increase1h{namespace="unallocated",source="${source}"}`, labels, kwh, KEPLER_AT),
        near(`codecarbon_energy_kwh{namespace="unallocated",source="${source}"}`, labels, energy, KEPLER_AT),
        near(`nf_co2_kg{namespace="unallocated",source="${source}"}`, labels, (energy * COEFFICIENTS.nf_grid_carbon_intensity_g_per_kwh) / 1000, KEPLER_AT),
        near(`namespace_gpu_model:nf_energy_cost_usd:sum1h{namespace="unallocated",source="${source}"}`, labels, energy * COEFFICIENTS.nf_electricity_price_usd_per_kwh, KEPLER_AT),
      ];
    }),
  },
  {
    name: "blackbox exporter (recorded, 0.23.0): a successful probe keeps EndpointDown quiet",
    interval: "1m",
    input_series: scraped(blackbox, { job: "probes", instance: "http://api.example/", probe: "api", module: "http_2xx", critical: "true" }),
    alert_rule_test: [quiet("EndpointDown"), quiet("InputMetricsMissing"), quiet("InputLabelsMissing")],
  },
  {
    name: "Pushgateway (recorded, 1.5.1): the pushed speed-up of 12.5 fires PerformanceBelowTarget with the push's job and grouping labels",
    interval: "1m",
    input_series: scraped(pushgateway, { instance: "10.0.0.9:9091" }, false),
    promql_expr_test: [
      {
        expr: 'count by (job, environment, benchmark_name) (ALERTS{alertname="PerformanceBelowTarget",alertstate="firing"})',
        eval_time: AT,
        exp_samples: [exp({ benchmark_name: "matmul", environment: "ci", job: "benchmark" }, value(pushgateway, "speedup_ratio") < 15 && value(pushgateway, "speedup_ratio") >= 10 ? 1 : 0)],
      },
    ],
    alert_rule_test: [quiet("InputLabelsMissing")],
  },
];

/** All CPU seconds of one CPU in the node-exporter fixture. */
function cpuTotal(cpu: string): number {
  return node.filter((s) => s.name === "node_cpu_seconds_total" && s.labels.cpu === cpu).reduce((a, s) => a + s.value, 0);
}

/** The waiting gauge of each server's fixture (vLLM, TGI and Triton name it differently). */
function waiting(server: keyof typeof servers): number {
  const name = { vllm: "vllm:num_requests_waiting", tgi: "tgi_queue_size", triton: "nv_inference_pending_request_count" }[server];
  return servers[server].filter((s) => s.name === name).reduce((a, s) => a + s.value, 0);
}

/**
 * The operator profile reading the GPU Operator's exporter (gpu.exporter: existing), scraped by its
 * ServiceMonitor with the README's relabelings: the target's namespace, pod, container and service
 * dropped, node from the pod's node. The exporter's labels stand alone, so the GPU no pod holds has no
 * holder and is billed to unallocated, not to the exporter's namespace.
 */
const operatorEnvironment = loadTestEnvironment(`profile: operator\noperator: { selectorLabels: { release: kps } }\ngpu: { exporter: existing }\n`, "operator-contracts").environment;
const operatorRuleFiles = artifactsOf(operatorEnvironment).ruleFiles;
const operatorTests = [
  {
    name: "GPU Operator's dcgm-exporter under the operator profile, relabelled as the README says: the held GPU's share to its pod, the unheld one's to unallocated",
    interval: "1m",
    input_series: scraped(gpuOperator, { job: operatorEnvironment.settings.gpu.existingExporterJob, instance: "10.0.0.5:9400", endpoint: "gpu-metrics", node: NODE }),
    promql_expr_test: [
      wholeGpuShares(gpuOperator),
    ],
    alert_rule_test: [quiet("InputLabelsMissing")],
  },
];

let dir: string;
let promtoolRuns: Record<"contracts" | "operator", Promise<{ status: number | null; output: string }>>;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "nfops-contracts-"));
  for (const file of ruleFiles) writeFileSync(join(dir, `${file.name}.yaml`), ruleFileYaml(file));
  writeFileSync(join(dir, "contracts.test.yaml"), stringify({ rule_files: ruleFiles.map((f) => `${f.name}.yaml`), evaluation_interval: EVALUATION_INTERVAL, tests }));
  for (const file of operatorRuleFiles) writeFileSync(join(dir, `operator-${file.name}.yaml`), ruleFileYaml(file));
  writeFileSync(join(dir, "operator.test.yaml"), stringify({ rule_files: operatorRuleFiles.map((f) => `operator-${f.name}.yaml`), evaluation_interval: EVALUATION_INTERVAL, tests: operatorTests }));
  // Both promtool runs start here, side by side: one after the other, each within its test's bound,
  // the first ran out of time on a loaded machine while the second had not started.
  promtoolRuns = { contracts: promtoolTest("contracts.test.yaml"), operator: promtoolTest("operator.test.yaml") };
});

function promtoolTest(file: string): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("promtool", ["test", "rules", file], { cwd: dir });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    child.on("error", (error) => resolve({ status: null, output: `${output}${String(error)}` })); // the test reports it, no unhandled rejection
    child.on("close", (status) => resolve({ status, output }));
  });
}
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("contract fixtures", () => {
  it("GIVEN every producer's fixture THEN each names the source and version it imitates, or the binary it was recorded from", () => {
    for (const file of ["node-exporter", "blackbox-exporter", "pushgateway"]) expect(readFileSync(join(FIXTURES, `${file}.prom`), "utf8")).toMatch(/^# Recorded from the running binary: \S+, version \d/);
    for (const file of ["dcgm-exporter", "dcgm-exporter-gpu-operator", "dcgm-exporter-virtual-gpus", "kube-state-metrics", "cadvisor", "vllm", "tgi", "triton", "kepler"]) expect(readFileSync(join(FIXTURES, `${file}.prom`), "utf8")).toMatch(/^# Written by hand to match [^\n]+\n(# [^\n]*\n)*# [^\n]*@ ?\S+/);
  });

  it("GIVEN the GPU Operator's fixture THEN the DCGM fields of the catalog it lacks are exactly the ones the GPU Operator's default file lacks", () => {
    const written = new Set(gpuOperator.map((s) => s.name));
    const catalogued = dcgmFields(artifactsOf(environment).metrics).map((f) => f.name);
    expect(catalogued.filter((name) => !written.has(name)).sort()).toEqual(catalogued.filter((name) => !GPU_OPERATOR_DEFAULT_FIELDS.includes(name)).sort());
  });

  it("GIVEN TGI's fixture THEN it keeps the double count of the OpenAI-compatible routes: tgi_request_count is twice success + failure", () => {
    const tgi = servers.tgi;
    const finished = value(tgi, "tgi_request_success") + tgi.filter((s) => s.name === "tgi_request_failure").reduce((a, s) => a + s.value, 0);
    expect(value(tgi, "tgi_request_count")).toBe(2 * finished);
  });

  it("GIVEN the fixtures as scraped series THEN promtool computes each pack's recordings from them exactly", async () => {
    const result = await promtoolRuns.contracts;
    expect(result.output).toContain("SUCCESS");
    expect(result.status, result.output).toBe(0);
  }, 180_000);

  it("GIVEN the GPU Operator's fixture under the operator profile THEN promtool computes the GPU shares exactly", async () => {
    const result = await promtoolRuns.operator;
    expect(result.output).toContain("SUCCESS");
    expect(result.status, result.output).toBe(0);
  }, 180_000);
});
