import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LLM_METRIC, LLM_RECORD } from "../../rules/llm/catalog.js";
import { GENAI_ADVISED_BUCKETS, GENAI_METRIC } from "../../src/catalog/otel-genai-metrics.js";
import { EXPORTER_METRIC } from "../../src/exporter/metric-catalog.js";
import { startExporter } from "../../src/exporter/exporter.js";
import { ruleFileYaml, type RuleFile } from "../../src/model/artifacts.js";
import { rollupInterval } from "../../src/promql/windows.js";
import { backfillOpenMetrics } from "../helpers/backfill.js";
import { loadTestStack } from "../helpers/component-objects.js";
import { eventually } from "../helpers/eventually.js";
import { writeLoopbackPrometheus } from "../helpers/loopback-prometheus.js";
import { freePort, installed, startProcess, type RunningProcess } from "../helpers/processes.js";
import { tempProject } from "../helpers/temp-project.js";
import { captureLogger } from "../exporter/capture-logger.js";

const ready = installed("prometheus") && installed("promtool");
if (!ready) console.warn("SKIPPED genai e2e: needs the Debian package prometheus (prometheus and promtool).");

/**
 * OTel GenAI token usage → the llm pack's cost → LLMDailyCostHigh, in a real Prometheus 2.42.
 *
 * No Alloy or OpenTelemetry Collector binary exists here (no Debian package), and Prometheus 2.42
 * has no OTLP receiver, so the series are written as Prometheus v3.5.0's OTLP receiver writes them
 * (the translation rules cited in src/catalog/otel-genai-metrics.ts): `gen_ai.client.token.usage`
 * → `gen_ai_client_token_usage_{bucket,sum,count}` (unit `{token}` adds no suffix), attributes with
 * `.` → `_`, `service.name` → `job`, `service.instance.id` → `instance`, the promoted
 * `k8s.namespace.name` → `k8s_namespace_name`. One application uses `gen_ai.system` (conventions
 * v1.36.0), the other `gen_ai.provider.name` (v1.37.0+).
 *
 * A day of history is backfilled (promtool `create-blocks-from openmetrics`), with the prices the real
 * cost exporter publishes from pricing/llm.yaml; the generated hourly roll-ups are backfilled over it
 * (`create-blocks-from rules`, one pass per dependency level, as promtool requires); then Prometheus
 * runs the generated rule files and the alert fires with the day's cost, computed here from the
 * pricing file. A second copy of the alert, with the budget a dollar above the cost, stays quiet.
 */
const MINUTE = 60;
const HOUR = 3600;
/** Tokens per second of each application, constant over the history. */
const APPS = [
  { job: "support-bot", namespace: "support", attribute: "gen_ai_system", provider: "openai", model: "gpt-4o", input: 500, output: 50 },
  { job: "research-agent", namespace: "research", attribute: "gen_ai_provider_name", provider: "anthropic", model: "claude-sonnet-4-5-20250929", input: 200, output: 100 },
] as const;
const TOKEN_TYPES = [
  { type: "input", rate: "input", price: "promptUsdPerMillion" },
  { type: "output", rate: "output", price: "completionUsdPerMillion" },
] as const;

describe.skipIf(!ready)("OTel GenAI metrics priced end to end", () => {
  const dir = mkdtempSync(join(tmpdir(), "nfops-genai-e2e-"));
  const dataDir = join(dir, "prometheus", "data");
  const running: RunningProcess[] = [];
  const { stack, artifacts, pricing, environment } = loadTestStack("packs: [core, llm]\nscrapeInterval: 15s\nalerts:\n  LLMDailyCostHigh: { for: 0s }\n", "genai");
  const llmFiles = artifacts.ruleFiles.filter((f) => f.name === "llm-semantic" || f.name === "llm");
  const end = Math.floor(Date.now() / 1000 / MINUTE) * MINUTE - MINUTE;
  const start = end - 26 * HOUR;

  /** The day's cost by hand: tokens per second x a day x the price per million of pricing/llm.yaml. */
  const expectedDailyCost = APPS.reduce((sum, app) => {
    const prices = pricing.llm?.providers[app.provider]?.models[app.model];
    if (!prices) throw new Error(`pricing/llm.yaml has no ${app.provider} ${app.model}`);
    return sum + TOKEN_TYPES.reduce((s, t) => s + (app[t.rate] * 24 * HOUR * prices[t.price]) / 1e6, 0);
  }, 0);

  async function startPrometheus(configFile: string): Promise<string> {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const prometheus = startProcess("prometheus", [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${dataDir}`,
      "--storage.tsdb.retention.time=100y",
      `--web.listen-address=127.0.0.1:${port}`,
    ]);
    running.push(prometheus);
    await eventually(async () => {
      const response = await fetch(`${url}/-/ready`);
      if (!response.ok) throw new Error(`not ready: HTTP ${response.status}\n${prometheus.output()}`);
    }, 30_000);
    return url;
  }

  async function stopAll(): Promise<void> {
    for (const p of running.splice(0)) await p.stop();
  }

  /** The generated rule recording `name`, alone in a group of the roll-up interval (promtool backfills each file's rules independently). */
  function ruleFileOf(name: string): string {
    const rule = llmFiles.flatMap((f) => f.groups.flatMap((g) => g.rules)).find((r) => "record" in r && r.record === name);
    if (!rule) throw new Error(`no recording ${name}`);
    const file: RuleFile = { name, groups: [{ name: `backfill-${name}`, interval: rollupInterval(environment.settings), rules: [rule] }] };
    const path = join(dir, `${name}.yaml`);
    writeFileSync(path, ruleFileYaml(file));
    return path;
  }

  async function backfillRecording(name: string): Promise<void> {
    const configFile = join(dir, "empty.yml");
    writeFileSync(configFile, "global: { scrape_interval: 1m }\n");
    const url = await startPrometheus(configFile);
    const out = join(dir, `blocks-${name}`);
    const run = spawnSync(
      "promtool",
      ["tsdb", "create-blocks-from", "rules", `--start=${start + HOUR}`, `--end=${end}`, `--url=${url}`, `--output-dir=${out}`, `--eval-interval=${rollupInterval(environment.settings)}`, ruleFileOf(name)],
      { encoding: "utf8" },
    );
    await stopAll();
    if (run.status !== 0) throw new Error(`rule backfill of ${name} failed: ${run.stderr || run.stdout}`);
    for (const block of readdirSync(out)) renameSync(join(out, block), join(dataDir, block));
  }

  /** One minute apart, every series of the translated histograms and the exporter's prices, each metric name's series together. */
  function* history(priceLines: readonly string[]): Generator<string> {
    const steps = (end - start) / MINUTE;
    const series: [string, (k: number) => number][] = [];
    for (const app of APPS) {
      for (const token of TOKEN_TYPES) {
        const labels = `job="${app.job}",instance="${app.job}-0",k8s_namespace_name="${app.namespace}",${app.attribute}="${app.provider}",gen_ai_operation_name="chat",gen_ai_request_model="${app.model}",gen_ai_token_type="${token.type}"`;
        // One call a second of `rate` tokens, which lands in the first advised bucket at or above it.
        const tokensPerCall = app[token.rate];
        const bucketOf = GENAI_ADVISED_BUCKETS.tokenUsage.find((b) => b >= tokensPerCall) ?? Infinity;
        for (const le of GENAI_ADVISED_BUCKETS.tokenUsage) series.push([`${GENAI_METRIC.tokenUsage}_bucket{${labels},le="${le}"}`, (k) => (le >= bucketOf ? k * MINUTE : 0)]);
        series.push([`${GENAI_METRIC.tokenUsage}_bucket{${labels},le="+Inf"}`, (k) => k * MINUTE]);
        series.push([`${GENAI_METRIC.tokenUsage}_count{${labels}}`, (k) => k * MINUTE]);
        series.push([`${GENAI_METRIC.tokenUsage}_sum{${labels}}`, (k) => k * MINUTE * tokensPerCall]);
      }
    }
    for (const line of priceLines) {
      const price = Number(line.slice(line.lastIndexOf(" ") + 1));
      series.push([line.slice(0, line.lastIndexOf(" ")), () => price]);
    }
    const metricName = (s: string) => s.slice(0, s.indexOf("{"));
    series.sort((a, b) => (metricName(a[0]) < metricName(b[0]) ? -1 : metricName(a[0]) > metricName(b[0]) ? 1 : 0));
    for (const [name, value] of series) for (let k = 0; k <= steps; k++) yield `${name} ${value(k)} ${start + k * MINUTE}\n`;
  }

  let url: string;

  beforeAll(async () => {
    // The prices as the real cost exporter publishes them from the repository's pricing/llm.yaml.
    const project = tempProject();
    const exporter = await startExporter({ pricingDir: project.pricingDir, settings: stack.settings, port: 0, host: "127.0.0.1", log: captureLogger().log });
    let priceLines: string[];
    try {
      const text = await (await fetch(`http://127.0.0.1:${exporter.port}/metrics`)).text();
      priceLines = text
        .split("\n")
        .filter((l) => l.startsWith(`${EXPORTER_METRIC.llmPrice}{`))
        .map((l) => l.replace("}", ',job="nfops-cost-exporter",instance="10.0.0.9:9464"}'));
    } finally {
      await exporter.close();
      project.remove();
    }
    expect(priceLines.length).toBeGreaterThan(4);

    mkdirSync(dataDir, { recursive: true });
    backfillOpenMetrics(dataDir, history(priceLines), { scratchFile: join(dir, "history.om"), maxBlockDuration: "24h" });
    // Dependency levels: the hour's tokens, then their cost.
    await backfillRecording(LLM_RECORD.provider.tokens1h);
    await backfillRecording(LLM_METRIC.costUsd);

    // The generated llm rule files, and the alert file again with the budget a dollar above the day's cost.
    const quietBudget = Math.ceil(expectedDailyCost);
    const { artifacts: quiet } = loadTestStack(`packs: [core, llm]\nscrapeInterval: 15s\nllm: { dailyCostUsd: ${quietBudget} }\nalerts:\n  LLMDailyCostHigh: { for: 0s }\n`, "genai-quiet");
    const quietAlerts = quiet.ruleFiles.find((f) => f.name === "llm");
    if (!quietAlerts) throw new Error("no llm alert file");
    const firingBudget = Math.floor(expectedDailyCost);
    const { artifacts: firing } = loadTestStack(`packs: [core, llm]\nscrapeInterval: 15s\nllm: { dailyCostUsd: ${firingBudget} }\nalerts:\n  LLMDailyCostHigh: { for: 0s }\n`, "genai-firing");
    const files = [...firing.ruleFiles.filter((f) => f.name === "llm-semantic" || f.name === "llm"), { ...quietAlerts, name: "llm-quiet" }];
    const configFile = writeLoopbackPrometheus(join(dir, "prometheus"), stack, files, {});
    url = await startPrometheus(configFile);
  }, 240_000);

  afterAll(async () => {
    await stopAll();
    rmSync(dir, { recursive: true, force: true });
  });

  it("GIVEN a day of GenAI token usage priced by pricing/llm.yaml WHEN the generated rules run THEN LLMDailyCostHigh fires with the day's exact cost and stays quiet a dollar above it", async () => {
    expect(expectedDailyCost).toBeCloseTo(332.64, 9); // 108 + 43.2 (gpt-4o) + 51.84 + 129.6 (claude-sonnet-4-5)
    type Rule = { name: string; state: string; alerts: { value: string; state: string }[] };
    type Group = { file: string; rules: Rule[] };
    const alertIn = async (file: string) => {
      const body = (await (await fetch(`${url}/api/v1/rules?type=alert`)).json()) as { data: { groups: Group[] } };
      const rule = body.data.groups.filter((g) => g.file.endsWith(`/${file}.yaml`)).flatMap((g) => g.rules).find((r) => r.name === "LLMDailyCostHigh");
      if (!rule) throw new Error(`LLMDailyCostHigh not loaded from ${file}.yaml`);
      return rule;
    };
    const firing = await eventually(async () => {
      const rule = await alertIn("llm");
      if (rule.state !== "firing") throw new Error(`LLMDailyCostHigh is ${rule.state}`);
      return rule;
    }, 90_000);
    expect(firing.alerts).toHaveLength(1);
    const value = Number(firing.alerts[0]!.value);
    expect(Math.abs(value - expectedDailyCost) / expectedDailyCost).toBeLessThan(1e-12);

    const quiet = await alertIn("llm-quiet");
    expect(quiet.state).toBe("inactive");
    expect(quiet.alerts).toEqual([]);
  }, 120_000);

  it("GIVEN the backfilled roll-ups WHEN each provider model's hour is read THEN it is its tokens x its price, per namespace", async () => {
    const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(LLM_METRIC.costUsd)}&time=${end}`);
    const body = (await response.json()) as { data: { result: { metric: Record<string, string>; value: [number, string] }[] } };
    const got = Object.fromEntries(body.data.result.map((s) => [`${s.metric.namespace}/${s.metric.provider}/${s.metric.model}`, Number(s.value[1])]));
    const want = Object.fromEntries(
      APPS.map((app) => {
        const prices = pricing.llm!.providers[app.provider]!.models[app.model]!;
        return [`${app.namespace}/${app.provider}/${app.model}`, TOKEN_TYPES.reduce((s, t) => s + (app[t.rate] * HOUR * prices[t.price]) / 1e6, 0)];
      }),
    );
    expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
    for (const key of Object.keys(want)) expect(got[key]! / want[key]!, key).toBeCloseTo(1, 12);
  });
});
