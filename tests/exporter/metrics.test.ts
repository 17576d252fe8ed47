import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LLM_FILE } from "../../src/config/load-pricing.js";
import { EXPORTER_METRIC as METRIC } from "../../src/exporter/metric-catalog.js";
import { createExporterRegistry, type MetricSources } from "../../src/exporter/metrics.js";
import { PricingStore } from "../../src/exporter/pricing-store.js";
import { captureLogger } from "./capture-logger.js";
import { parseExposition } from "./exposition.js";
import { FIXTURE_PRICING, tempProject, type TempProject } from "../helpers/temp-project.js";

const store = PricingStore.open(FIXTURE_PRICING, captureLogger().log, () => 1_767_225_600_000);

let project: TempProject | undefined;
afterEach(() => project?.remove());

/** The fixture pricing without llm.yaml, which is optional. */
function storeWithoutLlmPricing(): PricingStore {
  project = tempProject({ pricing: "fixture" });
  rmSync(join(project.pricingDir, LLM_FILE));
  return PricingStore.open(project.pricingDir, captureLogger().log, () => 1_767_225_600_000);
}

function sources(overrides: Partial<MetricSources> = {}): MetricSources {
  return {
    pricing: () => store.current,
    reloadErrors: () => 0,
    liveCarbonIntensity: () => undefined,
    carbonProviderErrors: () => 0,
    now: () => new Date("2026-01-07T12:00:00Z"),
    ...overrides,
  };
}

async function scrape(overrides: Partial<MetricSources> = {}) {
  return parseExposition(await createExporterRegistry(sources(overrides)).metrics());
}

describe("exporter gauges", () => {
  it("GIVEN the fixture pricing WHEN scraped THEN every region has its static price, carbon intensity and PUE", async () => {
    const metrics = await scrape();
    const table = [
      { region: "test-region", price: 0.2, carbon: 400, pue: 1.5 },
      { region: "tou-region", price: 0.3, carbon: 100, pue: 1.2 }, // Wednesday 13:00 Paris: no window applies
    ];
    for (const row of table) {
      expect(metrics.value(METRIC.electricityPrice, { region: row.region })).toBe(row.price);
      expect(metrics.value(METRIC.carbonIntensity, { region: row.region })).toBe(row.carbon);
      expect(metrics.value(METRIC.pue, { region: row.region })).toBe(row.pue);
    }
    expect(metrics.samples(METRIC.pue)).toHaveLength(2);
    expect(metrics.type(METRIC.electricityPrice)).toBe("GAUGE");
  });

  it.each([
    { at: "2026-01-05T17:30:00Z", local: "Monday 18:30 Paris, weekday peak", price: 0.5 },
    { at: "2026-01-10T17:30:00Z", local: "Saturday 18:30 Paris, peak is weekdays only", price: 0.3 },
    { at: "2026-01-05T22:30:00Z", local: "Monday 23:30 Paris, night window", price: 0.1 },
    { at: "2026-01-06T04:59:00Z", local: "Tuesday 05:59 Paris, night window wrapped past midnight", price: 0.1 },
    { at: "2026-01-06T05:00:00Z", local: "Tuesday 06:00 Paris, night window ended", price: 0.3 },
    { at: "2026-07-06T15:00:00Z", local: "Monday 17:00 Paris in summer time, peak starts", price: 0.5 },
  ])("GIVEN a time-of-use tariff WHEN scraped at $local THEN the price is $price", async ({ at, price }) => {
    const metrics = await scrape({ now: () => new Date(at) });
    expect(metrics.value(METRIC.electricityPrice, { region: "tou-region" })).toBe(price);
    expect(metrics.value(METRIC.electricityPrice, { region: "test-region" })).toBe(0.2);
  });

  it("GIVEN GPU types with several DCGM model names WHEN scraped THEN there is one series per model name with its type", async () => {
    const metrics = await scrape();
    expect(metrics.samples(METRIC.gpuPrice).sort((a, b) => a.labels.gpu_model!.localeCompare(b.labels.gpu_model!))).toEqual([
      { labels: { gpu_model: "NVIDIA Other GPU", gpu_type: "other-gpu" }, value: 4 },
      { labels: { gpu_model: "NVIDIA Other GPU PCIe", gpu_type: "other-gpu" }, value: 4 },
      { labels: { gpu_model: "NVIDIA Test GPU", gpu_type: "test-gpu" }, value: 2.5 },
    ]);
  });

  it("GIVEN GPU types with a TDP WHEN scraped THEN the TDP is published per model name like the price (the energy estimate joins on it)", async () => {
    const metrics = await scrape();
    expect(metrics.samples(METRIC.gpuTdp).sort((a, b) => a.labels.gpu_model!.localeCompare(b.labels.gpu_model!))).toEqual([
      { labels: { gpu_model: "NVIDIA Other GPU", gpu_type: "other-gpu" }, value: 700 },
      { labels: { gpu_model: "NVIDIA Other GPU PCIe", gpu_type: "other-gpu" }, value: 700 },
      { labels: { gpu_model: "NVIDIA Test GPU", gpu_type: "test-gpu" }, value: 300 },
    ]);
    expect(metrics.families.find((f) => f.name === METRIC.gpuTdp)?.help).toMatch(/Unit: W\.$/);
  });

  it("GIVEN LLM prices WHEN scraped THEN each model has its prompt and completion price per million tokens, zero included", async () => {
    const metrics = await scrape();
    const byLabels = (a: { labels: Record<string, string> }, b: { labels: Record<string, string> }) => JSON.stringify(a.labels).localeCompare(JSON.stringify(b.labels));
    expect(metrics.samples(METRIC.llmPrice).sort(byLabels)).toEqual(
      [
        { labels: { provider: "test-provider", model: "test-model", kind: "prompt" }, value: 1 },
        { labels: { provider: "test-provider", model: "test-model", kind: "completion" }, value: 4 },
        { labels: { provider: "test-provider", model: "test-org/test-model:v2", kind: "prompt" }, value: 0.5 },
        { labels: { provider: "test-provider", model: "test-org/test-model:v2", kind: "completion" }, value: 0 },
        { labels: { provider: "other-provider", model: "other-model", kind: "prompt" }, value: 2.5 },
        { labels: { provider: "other-provider", model: "other-model", kind: "completion" }, value: 10 },
      ].sort(byLabels),
    );
    expect(metrics.type(METRIC.llmPrice)).toBe("GAUGE");
    expect(metrics.families.find((f) => f.name === METRIC.llmPrice)?.help).toMatch(/Unit: USD\/1M tokens\.$/);
  });

  it("GIVEN no llm.yaml WHEN scraped THEN no LLM price is published (no series, never a zero) and the pricing info has an empty llm_date", async () => {
    const withoutLlm = storeWithoutLlmPricing();
    const metrics = await scrape({ pricing: () => withoutLlm.current });
    expect(metrics.samples(METRIC.llmPrice)).toEqual([]);
    expect(metrics.value(METRIC.exporterPricingInfo, { electricity_date: "2026-01-01", gpu_date: "2026-01-01", llm_date: "", sha256: withoutLlm.current.sha256 })).toBe(1);
    expect(metrics.value(METRIC.gpuPrice, { gpu_model: "NVIDIA Test GPU", gpu_type: "test-gpu" })).toBe(2.5);
  });

  it("GIVEN the fixture pricing WHEN scraped THEN every entry's date is published as midnight UTC, by file and item", async () => {
    const metrics = await scrape();
    const jan1 = Date.UTC(2026, 0, 1) / 1000;
    expect(metrics.value(METRIC.exporterPriceDate, { file: "electricity", item: "test-region" })).toBe(jan1);
    expect(metrics.value(METRIC.exporterPriceDate, { file: "gpu", item: "test-gpu" })).toBe(jan1);
    expect(metrics.value(METRIC.exporterPriceDate, { file: "llm", item: "test-provider/test-model" })).toBe(jan1 + 86_400);
    expect(metrics.value(METRIC.exporterPriceDate, { file: "llm", item: "test-provider/test-org/test-model:v2" })).toBe(jan1);
    const entries = metrics.samples(METRIC.exporterPriceDate).length;
    expect(entries).toBe(2 + Object.keys(store.current.pricing.gpu.gpuTypes).length + 3);
  });

  it("GIVEN a live carbon value for one region WHEN scraped THEN it replaces that region's static figure only", async () => {
    const metrics = await scrape({ liveCarbonIntensity: (region) => (region === "test-region" ? 123.5 : undefined) });
    expect(metrics.value(METRIC.carbonIntensity, { region: "test-region" })).toBe(123.5);
    expect(metrics.value(METRIC.carbonIntensity, { region: "tou-region" })).toBe(100);
  });

  it("GIVEN error counts WHEN scraped THEN the self-metrics report pricing version, load time and both error counters", async () => {
    const metrics = await scrape({ reloadErrors: () => 3, carbonProviderErrors: () => 2 });
    expect(metrics.value(METRIC.exporterPricingInfo, { electricity_date: "2026-01-01", gpu_date: "2026-01-01", llm_date: "2026-01-02", sha256: store.current.sha256 })).toBe(1);
    expect(store.current.sha256).toMatch(/^[0-9a-f]{12}$/);
    expect(metrics.value(METRIC.exporterLastReload)).toBe(1_767_225_600);
    expect(metrics.value(METRIC.exporterReloadErrors)).toBe(3);
    expect(metrics.value(METRIC.exporterCarbonProviderErrors)).toBe(2);
    expect(metrics.type(METRIC.exporterReloadErrors)).toBe("COUNTER");
  });

  it("GIVEN the exporter's registry WHEN scraped THEN it holds only the catalog's cost-exporter metrics (no default process metrics)", async () => {
    const metrics = await scrape();
    expect(metrics.families.map((f) => f.name).sort()).toEqual(
      [
        METRIC.electricityPrice,
        METRIC.carbonIntensity,
        METRIC.pue,
        METRIC.gpuPrice,
        METRIC.gpuTdp,
        METRIC.llmPrice,
        METRIC.exporterPricingInfo,
        METRIC.exporterPriceDate,
        METRIC.exporterLastReload,
        METRIC.exporterReloadErrors,
        METRIC.exporterCarbonProviderErrors,
      ].sort(),
    );
    expect(metrics.families.find((f) => f.name === METRIC.pue)?.help).toBe("Data-centre power usage effectiveness. Unit: ratio.");
  });
});
