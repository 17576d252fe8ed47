import { describe, expect, it } from "vitest";
import type { Report } from "../../src/report/report.js";
import { renderMarkdown } from "../../src/report/render-markdown.js";
import { renderJson } from "../../src/report/render-json.js";

const report: Report = {
  prometheus: "http://prometheus:9090",
  time: "2025-06-02T00:00:00.000Z",
  days: 1,
  core: {
    status: "ok",
    rows: [{ namespace: "research", gpuModel: "NVIDIA H100 80GB HBM3", costUsd: 12345.678, co2Kg: -0.04, gpuHours: null }],
    total: { costUsd: 12345.678, co2Kg: -0.04, gpuHours: null },
    missingMetrics: ["namespace_gpu_model:nf_gpu_hours:sum1h"],
  },
  llm: { status: "no data", missingMetrics: ["nf_llm_requests_total", "nf_llm_cost_usd"] },
  slo: { status: "ok", rows: [{ slo: "checkout", sli: "latency", objective: 0.9995, budgetRemaining: 0.12345 }], total: undefined, missingMetrics: [] },
};

describe("renderMarkdown", () => {
  it("GIVEN figures that need rounding, a missing metric and an empty section THEN each reads plainly", () => {
    expect(renderMarkdown(report)).toBe(
      [
        "# nfops report",
        "",
        "Prometheus http://prometheus:9090, the 1 day to 2025-06-02T00:00:00.000Z.",
        "",
        "## Cost, CO2 and GPU-hours by namespace and GPU model",
        "",
        "| namespace | GPU model             | cost (USD) | CO2 (kg) | GPU-hours |",
        "|:----------|:----------------------|-----------:|---------:|----------:|",
        // Thousands grouped, cents rounded, no "-0.0", unknown as a dash; one row needs no total.
        "| research  | NVIDIA H100 80GB HBM3 |  12,345.68 |      0.0 |         – |",
        "",
        "No data for `namespace_gpu_model:nf_gpu_hours:sum1h`: shown as –.",
        "",
        "## LLM calls by provider and model",
        "",
        "No data: `nf_llm_requests_total`, `nf_llm_cost_usd` returned no series. Usually the llm pack is not enabled, or no application reported LLM calls in this window.",
        "",
        "## SLO error budgets",
        "",
        "| SLO      | SLI     | objective | budget remaining |",
        "|:---------|:--------|----------:|-----------------:|",
        "| checkout | latency |   99.95 % |           12.3 % |",
        "",
      ].join("\n"),
    );
  });

  it("GIVEN the same report as JSON THEN unknown figures are null and nothing is rounded", () => {
    const json = JSON.parse(renderJson(report)) as Report;
    expect(json.core).toEqual(report.core);
    expect(json.llm).toEqual({ status: "no data", missingMetrics: ["nf_llm_requests_total", "nf_llm_cost_usd"] });
  });
});
