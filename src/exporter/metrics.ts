import { Counter, Gauge, Registry } from "prom-client";
import type { GpuTypePricing } from "../config/pricing-schema.js";
import { priceUsdPerKwhAt } from "../cost/model.js";
import { metricHelp } from "../catalog/metric-help.js";
import { EXPORTER_METRIC, exporterMetrics } from "./metric-catalog.js";
import type { LoadedPricing } from "./pricing-store.js";

/** What the gauges read at scrape time. */
export interface MetricSources {
  readonly pricing: () => LoadedPricing;
  readonly reloadErrors: () => number;
  /** Live carbon intensity of a region, or undefined to publish the static figure. */
  readonly liveCarbonIntensity: (region: string) => number | undefined;
  readonly carbonProviderErrors: () => number;
  readonly now: () => Date;
}

/**
 * The exporter's own registry (never prom-client's global one). Every value is computed in
 * `collect()` at scrape time from the current pricing and clock, so a reload or a time-of-use
 * boundary shows up on the next scrape without any timer.
 */
export function createExporterRegistry(sources: MetricSources): Registry {
  const registry = new Registry();
  const regions = () => Object.entries(sources.pricing().pricing.electricity.regions);

  new Gauge({
    name: EXPORTER_METRIC.electricityPrice,
    help: metricHelp(exporterMetrics, EXPORTER_METRIC.electricityPrice),
    labelNames: ["region"],
    registers: [registry],
    collect() {
      this.reset();
      const now = sources.now();
      for (const [region, entry] of regions()) this.set({ region }, priceUsdPerKwhAt(entry, now));
    },
  });
  new Gauge({
    name: EXPORTER_METRIC.carbonIntensity,
    help: metricHelp(exporterMetrics, EXPORTER_METRIC.carbonIntensity),
    labelNames: ["region"],
    registers: [registry],
    collect() {
      this.reset();
      for (const [region, entry] of regions()) {
        this.set({ region }, sources.liveCarbonIntensity(region) ?? entry.carbonIntensityGPerKwh);
      }
    },
  });
  new Gauge({
    name: EXPORTER_METRIC.pue,
    help: metricHelp(exporterMetrics, EXPORTER_METRIC.pue),
    labelNames: ["region"],
    registers: [registry],
    collect() {
      this.reset();
      for (const [region, entry] of regions()) this.set({ region }, entry.pue);
    },
  });
  // One series per DCGM modelName, so rules can join on dcgm's `modelName` directly.
  const perGpuModel = (name: string, value: (entry: GpuTypePricing) => number) =>
    new Gauge({
      name,
      help: metricHelp(exporterMetrics, name),
      labelNames: ["gpu_model", "gpu_type"],
      registers: [registry],
      collect() {
        this.reset();
        for (const [gpuType, entry] of Object.entries(sources.pricing().pricing.gpu.gpuTypes)) {
          for (const gpuModel of entry.dcgmModelNames) this.set({ gpu_model: gpuModel, gpu_type: gpuType }, value(entry));
        }
      },
    });
  perGpuModel(EXPORTER_METRIC.gpuPrice, (entry) => entry.usdPerHour);
  perGpuModel(EXPORTER_METRIC.gpuTdp, (entry) => entry.tdpWatts);
  // Two series per priced model; without llm.yaml none, so a cost rule finds no price rather than 0.
  new Gauge({
    name: EXPORTER_METRIC.llmPrice,
    help: metricHelp(exporterMetrics, EXPORTER_METRIC.llmPrice),
    labelNames: ["provider", "model", "kind"],
    registers: [registry],
    collect() {
      this.reset();
      for (const [provider, { models }] of Object.entries(sources.pricing().pricing.llm?.providers ?? {})) {
        for (const [model, entry] of Object.entries(models)) {
          this.set({ provider, model, kind: "prompt" }, entry.promptUsdPerMillion);
          this.set({ provider, model, kind: "completion" }, entry.completionUsdPerMillion);
        }
      }
    },
  });
  new Gauge({
    name: EXPORTER_METRIC.exporterPricingInfo,
    help: metricHelp(exporterMetrics, EXPORTER_METRIC.exporterPricingInfo),
    labelNames: ["electricity_date", "gpu_date", "llm_date", "sha256"],
    registers: [registry],
    collect() {
      this.reset();
      const { pricing, sha256 } = sources.pricing();
      const electricityDate = newest(Object.values(pricing.electricity.regions).map((r) => r.date));
      const gpuDate = newest(Object.values(pricing.gpu.gpuTypes).map((g) => g.date));
      const llmDate = newest(Object.values(pricing.llm?.providers ?? {}).flatMap((p) => Object.values(p.models).map((m) => m.date)));
      this.set({ electricity_date: electricityDate, gpu_date: gpuDate, llm_date: llmDate, sha256 }, 1);
    },
  });
  new Gauge({
    name: EXPORTER_METRIC.exporterPriceDate,
    help: metricHelp(exporterMetrics, EXPORTER_METRIC.exporterPriceDate),
    labelNames: ["file", "item"],
    registers: [registry],
    collect() {
      this.reset();
      const { pricing } = sources.pricing();
      for (const [region, entry] of regions()) this.set({ file: "electricity", item: region }, dateSeconds(entry.date));
      for (const [gpuType, entry] of Object.entries(pricing.gpu.gpuTypes)) this.set({ file: "gpu", item: gpuType }, dateSeconds(entry.date));
      for (const [provider, { models }] of Object.entries(pricing.llm?.providers ?? {})) {
        for (const [model, entry] of Object.entries(models)) this.set({ file: "llm", item: `${provider}/${model}` }, dateSeconds(entry.date));
      }
    },
  });
  new Gauge({
    name: EXPORTER_METRIC.exporterLastReload,
    help: metricHelp(exporterMetrics, EXPORTER_METRIC.exporterLastReload),
    registers: [registry],
    collect() {
      this.set(sources.pricing().loadedAtSeconds);
    },
  });
  new Counter({
    name: EXPORTER_METRIC.exporterReloadErrors,
    help: metricHelp(exporterMetrics, EXPORTER_METRIC.exporterReloadErrors),
    registers: [registry],
    collect() {
      this.reset();
      this.inc(sources.reloadErrors());
    },
  });
  new Counter({
    name: EXPORTER_METRIC.exporterCarbonProviderErrors,
    help: metricHelp(exporterMetrics, EXPORTER_METRIC.exporterCarbonProviderErrors),
    registers: [registry],
    collect() {
      this.reset();
      this.inc(sources.carbonProviderErrors());
    },
  });
  return registry;
}

/** Midnight UTC of an ISO date (YYYY-MM-DD), in Unix seconds. */
function dateSeconds(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / 1000;
}

/** Latest ISO date (YYYY-MM-DD sorts lexically). */
function newest(dates: readonly string[]): string {
  return [...dates].sort().at(-1) ?? "";
}
