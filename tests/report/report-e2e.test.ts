import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { METRIC } from "../../rules/core/catalog.js";
import { LLM_METRIC } from "../../rules/llm/catalog.js";
import { SLO_METRIC } from "../../src/catalog/slo-metrics.js";
import { PrometheusClient } from "../../src/report/prometheus-client.js";
import { buildReport, type CoreRow, type LlmRow, type Report } from "../../src/report/report.js";
import { renderMarkdown } from "../../src/report/render-markdown.js";
import { backfillOpenMetrics } from "../helpers/backfill.js";
import { runNfops } from "../helpers/nfops-cli.js";
import { installed } from "../helpers/processes.js";
import { startPrometheusOnTsdb, type PrometheusServer } from "../helpers/prometheus-server.js";
import {
  END,
  GPU_MODELS,
  HOUR,
  LLM_MODELS,
  NAMESPACES,
  SLO_BUDGETS,
  UNPRICED_MODEL,
  counterIncrease,
  openMetricsLines,
  rollupTotal,
  seriesOf,
} from "./report-history.js";

const ready = installed("prometheus") && installed("promtool");
if (!ready) console.warn("SKIPPED report-e2e: `prometheus` or `promtool` is not on PATH (Debian package `prometheus`).");

/** The core rows the history holds, with the figures summed by hand from its samples. */
function expectedCoreRows(end: number, days: number): CoreRow[] {
  const row = (namespace: string, gpuModel: string): CoreRow => {
    const match: Record<string, string> = gpuModel === "" ? { namespace, source: "cpu" } : { namespace, gpu_model: gpuModel };
    const gpuHours = seriesOf(METRIC.gpuHours1h, match);
    return {
      namespace,
      gpuModel,
      costUsd: rollupTotal(seriesOf(METRIC.costUsd, match), end, days),
      co2Kg: rollupTotal(seriesOf(METRIC.co2Kg, match), end, days),
      gpuHours: gpuHours.length === 0 ? null : rollupTotal(gpuHours, end, days),
    };
  };
  return [...NAMESPACES.flatMap((namespace) => GPU_MODELS.map((model) => row(namespace, model))), row("team-a", "")];
}

function expectedLlmRows(end: number, days: number): LlmRow[] {
  return LLM_MODELS.map(({ provider, model }, m) => {
    const increase = (metric: string, match: Record<string, string> = {}) => counterIncrease(seriesOf(metric, { provider, model, ...match }), end, days);
    const calls = increase(LLM_METRIC.requests);
    return {
      provider,
      model,
      calls,
      promptTokens: increase(LLM_METRIC.tokens, { kind: "prompt" }),
      completionTokens: increase(LLM_METRIC.tokens, { kind: "completion" }),
      costUsd: m === UNPRICED_MODEL ? null : rollupTotal(seriesOf(LLM_METRIC.costUsd, { provider, model }), end, days),
      averageInferenceSeconds: increase(`${LLM_METRIC.requestDuration}_sum`) / increase(`${LLM_METRIC.requestDuration}_count`),
      successRatio: increase(LLM_METRIC.requests, { status: "success" }) / calls,
    };
  });
}

/** Highest cost first, unknown cost last, then by name: the order the report promises. */
function byCost<Row extends { costUsd: number | null }>(rows: Row[], name: (row: Row) => string): Row[] {
  return rows.sort((a, b) => (b.costUsd ?? -Infinity) - (a.costUsd ?? -Infinity) || (name(a) < name(b) ? -1 : 1));
}

const sum = (values: ReadonlyArray<number | null>) => values.reduce<number>((total, value) => total + (value ?? 0), 0);

describe.skipIf(!ready)("nfops report against a real Prometheus on a backfilled TSDB", () => {
  let dir: string;
  let prometheus: PrometheusServer | undefined;
  let client: PrometheusClient;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "nfops-report-"));
    backfillOpenMetrics(join(dir, "data"), openMetricsLines(), { scratchFile: join(dir, "history.om"), maxBlockDuration: "240h" });
    prometheus = await startPrometheusOnTsdb(dir);
    client = new PrometheusClient({ baseUrl: prometheus.url, timeoutMs: 10_000 });
  });

  afterAll(async () => {
    await prometheus?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("GIVEN 9 days of history WHEN reporting 7 days at its end THEN every figure is the sum of the samples in the window, and the stopped SLO series are 'no data'", async () => {
    const report = await buildReport(client, { days: 7, time: new Date(END * 1000) });

    const coreRows = byCost(expectedCoreRows(END, 7), (row) => row.namespace + row.gpuModel);
    const llmRows = byCost(expectedLlmRows(END, 7), (row) => row.provider + row.model);
    expect(report).toEqual<Report>({
      prometheus: prometheus!.url,
      time: "2025-06-02T00:00:00.000Z",
      days: 7,
      core: {
        status: "ok",
        rows: coreRows,
        total: { costUsd: sum(coreRows.map((r) => r.costUsd)), co2Kg: sum(coreRows.map((r) => r.co2Kg)), gpuHours: sum(coreRows.map((r) => r.gpuHours)) },
        missingMetrics: [],
      },
      llm: {
        status: "ok",
        rows: llmRows,
        total: expect.objectContaining({ calls: sum(llmRows.map((r) => r.calls)), costUsd: sum(llmRows.map((r) => r.costUsd)) }) as never,
        missingMetrics: [],
      },
      slo: { status: "no data", missingMetrics: [SLO_METRIC.budgetRemaining, SLO_METRIC.objective] },
    });
    // Hand check of one figure, independent of the helpers: team-b's H100 costs 0.5 + 0.25 x 3 + 0.25 x (hour mod 4)
    // per hour; 168 hours hold 42 of each remainder: 168 x 1.25 + 42 x 0.25 x (0 + 1 + 2 + 3) = 273.
    expect(report.core.status === "ok" && report.core.rows.find((r) => r.namespace === "team-b" && r.gpuModel === GPU_MODELS[1])?.costUsd).toBe(273);
    // Between-hours samples (1000 each) never count, and neither do samples after the report's instant.
    expect(report.core.status === "ok" && report.core.rows.every((r) => (r.costUsd ?? 0) < 1000)).toBe(true);
  });

  it("GIVEN the same history WHEN the CLI reports 3 days two hours earlier THEN the markdown is the in-process report's, with every section filled", async () => {
    const time = END - 2 * HOUR;
    const result = await runNfops(["report", "--prometheus", prometheus!.url, "--days", "3", "--time", new Date(time * 1000).toISOString()]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);

    const report = await buildReport(client, { days: 3, time: new Date(time * 1000) });
    expect(result.stdout).toBe(renderMarkdown(report));
    expect(report.core.status === "ok" && report.core.rows).toEqual(byCost(expectedCoreRows(time, 3), (row) => row.namespace + row.gpuModel));
    expect(report.llm.status === "ok" && report.llm.rows).toEqual(byCost(expectedLlmRows(time, 3), (row) => row.provider + row.model));
    expect(report.slo).toEqual({
      status: "ok",
      // The most spent budget first.
      rows: [SLO_BUDGETS[2], SLO_BUDGETS[3], SLO_BUDGETS[1], SLO_BUDGETS[0], SLO_BUDGETS[4]],
      missingMetrics: [],
    });

    // What a reader sees: rounded, aligned figures; the unpriced model's cost unknown, not 0.00.
    const lines = result.stdout.split("\n");
    const h100 = byCost(expectedCoreRows(time, 3), (row) => row.namespace + row.gpuModel)[0]!;
    expect(lines).toContain(`| team-b    | NVIDIA H100 80GB HBM3 | ${h100.costUsd!.toFixed(2).padStart(10)} | ${h100.co2Kg!.toFixed(1).padStart(8)} | ${h100.gpuHours!.toFixed(1).padStart(9)} |`);
    expect(lines.find((line) => line.includes(LLM_MODELS[UNPRICED_MODEL].model))).toMatch(/ \| +– \| /);
    expect(lines).toContain("| search   | availability      |    99.9 % |          -25.0 % |");
    expect(lines).toContain("| chat     | ttft              |      99 % |           25.0 % |");
    expect(lines).toContain("| chat     | interTokenLatency |      95 % |           87.5 % |");
  });

  it("GIVEN an instant after all history WHEN reporting THEN every section is 'no data' and names the metrics it read", async () => {
    const report = await buildReport(client, { days: 1, time: new Date((END + 2 * 24 * HOUR) * 1000) });
    expect(report.core).toEqual({ status: "no data", missingMetrics: [METRIC.costUsd, METRIC.co2Kg, METRIC.gpuHours1h] });
    expect(report.llm).toEqual({
      status: "no data",
      missingMetrics: [LLM_METRIC.requests, LLM_METRIC.tokens, `${LLM_METRIC.requestDuration}_sum`, `${LLM_METRIC.requestDuration}_count`, LLM_METRIC.costUsd],
    });
    expect(renderMarkdown(report)).toContain("No data: `nf_llm_requests_total`, `nf_llm_tokens_total`");
  });
});
