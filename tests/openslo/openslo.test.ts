import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config/errors.js";
import { loadEnvironments } from "../../src/config/load-environments.js";
import { loadPricing } from "../../src/config/load-pricing.js";
import { repositoryRoot } from "../../src/config/project-paths.js";
import { parseOpenSlo, readOpenSloFile } from "../../src/openslo/documents.js";
import { exportOpenSlo } from "../../src/openslo/export.js";
import { importOpenSlo } from "../../src/openslo/import.js";
import { writeIntoStacks } from "../../src/openslo/write-into-stacks.js";
import { LOAD_OPTIONS } from "../../src/synth/load-options.js";
import { synthesize } from "../../src/synth/synthesize.js";
import { runNfops } from "../helpers/nfops-cli.js";
import { tempProject } from "../helpers/temp-project.js";

const FIXTURES = join(repositoryRoot, "tests", "fixtures", "openslo");
const fixture = (name: string) => join(FIXTURES, name);

/** The two entries tests/fixtures/openslo/llm-slos.yaml describes. */
const LLM_SLOS = [
  {
    name: "chat",
    source: "vllm",
    selector: { namespace: "llm", service: "chat" },
    availability: 99.5,
    latency: { thresholdMs: 2500, target: 95 },
    ttft: { thresholdMs: 500, target: 99 },
    window: "28d",
  },
  {
    name: "summarize",
    source: "tgi",
    selector: { namespace: "llm", service: "summarize" },
    availability: 99,
    // 0.0656840835571289 s, TGI's 0.1 ms × 1.5^16 as it prints it, in ms to 12 digits.
    interTokenLatency: { thresholdMs: 65.6840835571, target: 95 },
    window: "4w",
  },
];

const project = tempProject();
afterAll(() => project.remove());

function importText(text: string) {
  return importOpenSlo(parseOpenSlo("slo.yaml", text));
}

function importError(text: string): string {
  try {
    importText(text);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error("no error");
}

describe("nfops slo import", () => {
  it("GIVEN OpenSLO documents with an SLI by reference, inline ratios, a threshold metric and targetPercent WHEN imported THEN they are these slos entries", () => {
    expect(importOpenSlo(readOpenSloFile(fixture("llm-slos.yaml")))).toEqual(LLM_SLOS);
  });

  it("GIVEN the imported entries WHEN written into a stacks file, synthesized, exported and imported again THEN the slos are the same", () => {
    const entries = importOpenSlo(readOpenSloFile(fixture("llm-slos.yaml")));
    const stacks = join(project.stacksDir, "llm-rt.yaml");
    project.write("stacks/llm-rt.yaml", "# kept: a comment and the packs\npacks: [core, llm]\n");
    writeIntoStacks(stacks, entries);
    expect(readFileSync(stacks, "utf8")).toMatch(/^# kept: a comment and the packs\npacks: \[ core, llm \]\nslos:\n {2}- name: chat\n/);

    synthesize(project, { only: "llm-rt" });
    const rules = readFileSync(join(project.distDir, "llm-rt", "rules", "slos.yaml"), "utf8");
    expect(rules).toContain('vllm:time_to_first_token_seconds_bucket{namespace="llm",service="chat",le=~"0\\\\.5"}');
    expect(rules).toContain('tgi_request_mean_time_per_token_duration_bucket{namespace="llm",service="summarize",le=~"0\\\\.0656840835571289"}');

    const environment = loadEnvironments(project, loadPricing(project), LOAD_OPTIONS).find((e) => e.name === "llm-rt");
    const exported = exportOpenSlo(environment!.settings);
    expect(exported.split(/^---$/m)).toHaveLength(5);
    expect(importText(exported)).toEqual(LLM_SLOS);
  });

  it("GIVEN an entry with minRequestsPerSecond and a Triton availability (successes + failures) WHEN exported and imported THEN both survive", () => {
    project.write("stacks/triton-rt.yaml", "slos:\n  - { name: embed, source: triton, selector: { model: llama3_trtllm }, availability: 99.9, ttft: { thresholdMs: 2000, target: 95 }, minRequestsPerSecond: 0.5, window: 14d }\n");
    const environment = loadEnvironments(project, loadPricing(project), LOAD_OPTIONS).find((e) => e.name === "triton-rt");
    const exported = exportOpenSlo(environment!.settings);
    expect(exported).toContain('query: sum(nv_inference_request_success{model="llama3_trtllm"}) + sum(nv_inference_request_failure{model="llama3_trtllm",reason!="CANCELED"})');
    expect(importText(exported)).toEqual([
      { name: "embed", source: "triton", selector: { model: "llama3_trtllm" }, availability: 99.9, ttft: { thresholdMs: 2000, target: 95 }, window: "14d", minRequestsPerSecond: 0.5 },
    ]);
  });

  it("GIVEN an SLO name of 57 characters WHEN exported THEN its longer document names (up to 255, as OpenSLO allows) import back", () => {
    const name = "summarize-long-running-batch-jobs-for-the-research-group";
    project.write("stacks/long-rt.yaml", `slos:\n  - { name: ${name}, source: tgi, availability: 99, interTokenLatency: { thresholdMs: 43.7893890381, target: 95 }, window: 28d }\n`);
    const environment = loadEnvironments(project, loadPricing(project), LOAD_OPTIONS).find((e) => e.name === "long-rt");
    const exported = exportOpenSlo(environment!.settings);
    expect(exported).toContain(`name: ${name}-inter-token-latency\n`);
    expect(importText(exported)).toEqual([{ name, source: "tgi", availability: 99, interTokenLatency: { thresholdMs: 43.7893890381, target: 95 }, window: "28d" }]);
  });

  const SLO = (indicator: string, extra = "budgetingMethod: Occurrences\n  objectives:\n    - target: 0.99") =>
    `apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: chat\nspec:\n  service: chat\n  ${extra}\n  indicator:\n    metadata: { name: chat }\n    spec:\n${indicator}`;
  const ratio = (numerator: "good" | "bad", query: string, total: string) =>
    `      ratioMetric:\n        counter: true\n        ${numerator}: { metricSource: { type: Prometheus, spec: { query: '${query}' } } }\n        total: { metricSource: { type: Prometheus, spec: { query: '${total}' } } }\n`;
  const availability = ratio("bad", 'vllm:request_success_total{finished_reason="error"}', "vllm:request_success_total");

  it("GIVEN an SLO document without timeWindow WHEN imported THEN the entry says the default window, as export will", () => {
    expect(importText(SLO(availability))).toEqual([{ name: "chat", source: "vllm", availability: 99, window: "28d" }]);
  });

  it.each([
    [
      "a threshold between two of vLLM's time-to-first-token bounds, located at its query",
      SLO(availability) + "---\n" + SLO(ratio("good", 'vllm:time_to_first_token_seconds_bucket{le="0.3"}', "vllm:time_to_first_token_seconds_count")).replace("name: chat\nspec", "name: chat-ttft\nspec"),
      'slo.yaml:32:66: /1/spec/indicator/spec/ratioMetric/good/metricSource/spec/query: is not a bucket bound of vllm:time_to_first_token_seconds (the share of requests under it could only be interpolated); nearest bounds: 250 and 500 ms (as slos entry/ttft/thresholdMs) (value: 300)',
    ],
    ["time slices", SLO(availability, "budgetingMethod: Timeslices\n  objectives:\n    - target: 0.99"), "/0/spec/budgetingMethod: cannot be expressed: nfops SLOs count good and bad events over the window (Occurrences), not time slices"],
    ["a calendar window", SLO(availability, "budgetingMethod: Occurrences\n  timeWindow: [{ duration: 1M, calendar: { startTime: '2026-01-01 00:00:00', timeZone: UTC } }]\n  objectives:\n    - target: 0.99"), "/0/spec/timeWindow/0: cannot be expressed: nfops error budgets are over a rolling window"],
    ["two objectives", SLO(availability, "budgetingMethod: Occurrences\n  objectives:\n    - target: 0.99\n    - target: 0.999"), "/0/spec/objectives/1: cannot be expressed: one objective per SLO document"],
    ["a ratio of gauges", SLO(availability.replace("counter: true", "counter: false")), "/0/spec/indicator/spec/ratioMetric/counter: bad ratio: nfops counts events from counters and histograms"],
    ["a metric no SLO source writes", SLO(ratio("bad", 'http_requests_total{code=~"5.."}', "http_requests_total")), "/0/spec/indicator/spec/ratioMetric/bad/metricSource/spec/query: reads http_requests_total, which is none of the series nfops SLOs count"],
    ["a quantile", SLO(ratio("bad", "histogram_quantile(0.95, vllm:e2e_request_latency_seconds_bucket)", "vllm:request_success_total")), 'uses "histogram_quantile" (HistogramQuantile)'],
    ["a regular expression on the service", SLO(ratio("bad", 'vllm:request_success_total{service=~"chat.*",finished_reason="error"}', 'vllm:request_success_total{service=~"chat.*"}')), 'matches service=~"chat.*": a slos selector takes exact label values only'],
    ["failures of another reason", SLO(ratio("bad", 'vllm:request_success_total{finished_reason="abort"}', "vllm:request_success_total")), 'takes finished_reason="error" besides namespace, service and model_name'],
    ["time to first token on TGI, which has none", SLO(ratio("bad", 'tgi_request_failure{err=~"generation|incomplete|overloaded"}', "tgi_request_count")) + "---\n" + SLO(ratio("good", 'tgi_request_duration_bucket{le="1.122274146401882"}', "tgi_request_mean_time_per_token_duration_count")).replace("name: chat\nspec", "name: chat-2\nspec"), "bad ratio: good/total reads tgi latency bucket over tgi interTokenLatency count"],
    ["a latency objective without availability", SLO(ratio("good", 'vllm:e2e_request_latency_seconds_bucket{le="2.5"}', "vllm:e2e_request_latency_seconds_count")), 'SLO "chat" has no availability objective'],
  ])("GIVEN %s WHEN imported THEN a located error names it", (_what, text, expected) => {
    expect(importError(text)).toContain(expected);
  });
});

describe("nfops slo import, hostile files, through the binary", () => {
  it.each([
    ["wrong-kind.yaml", 'wrong-kind.yaml:29:7: /1/kind: must be one of "SLO", "SLI" (value: "AlertPolicy")'],
    ["unsupported-source.yaml", 'unsupported-source.yaml:16:19: /0/spec/indicator/spec/ratioMetric/bad/metricSource/type: unsupported metric source: it is "Datadog"; nfops reads Prometheus queries (type: Prometheus, spec.query) (value: "Datadog")'],
    ["bad-ratio.yaml", "bad-ratio.yaml:13:9: /0/spec/indicator/spec/ratioMetric: bad ratio: it gives both good and bad; give good or bad, and total"],
  ])("GIVEN %s WHEN imported into a stacks file THEN it exits 1 with a located error and the file is unchanged", async (name, expected) => {
    const stacks = join(project.stacksDir, `hostile-${name}`);
    const before = "# an environment that must stay as it is\npacks: [core]\nslos:\n  - { name: search, source: nf_infer }\n";
    project.write(`stacks/hostile-${name}`, before);
    const result = await runNfops(["slo", "import", fixture(`hostile/${name}`), "--into", stacks]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("invalid input (nothing was written)");
    expect(result.stderr).toContain(expected);
    expect(result.stdout).toBe("");
    expect(readFileSync(stacks, "utf8")).toBe(before);
  });

  it("GIVEN a good file WHEN imported without --into THEN the binary prints the slos YAML", async () => {
    const result = await runNfops(["slo", "import", fixture("llm-slos.yaml")]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^slos:\n {2}- name: chat\n {4}source: vllm\n/);
  });
});
