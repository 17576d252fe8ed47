import type { MetricEntry } from "../catalog/types.js";

/**
 * The cost exporter's own series: names, units, labels and HELP text, owned here so that the
 * runtime needs nothing from the rules or dashboards that read them (they import these instead).
 */
export const EXPORTER_METRIC = {
  electricityPrice: "nf_electricity_price_usd_per_kwh",
  carbonIntensity: "nf_grid_carbon_intensity_g_per_kwh",
  pue: "nf_datacenter_pue",
  gpuPrice: "nf_gpu_price_usd_per_hour",
  gpuTdp: "nf_gpu_tdp_watts",
  llmPrice: "nf_llm_price_usd_per_million_tokens",
  exporterPricingInfo: "nf_cost_exporter_pricing_info",
  exporterLastReload: "nf_cost_exporter_last_reload_success_timestamp_seconds",
  exporterPriceDate: "nf_cost_exporter_price_date_timestamp_seconds",
  exporterReloadErrors: "nf_cost_exporter_reload_errors_total",
  exporterCarbonProviderErrors: "nf_cost_exporter_carbon_provider_errors_total",
} as const;

const entries: readonly MetricEntry[] = [
  { name: EXPORTER_METRIC.electricityPrice, type: "gauge", unit: "USD/kWh", labels: ["region"], producer: "costExporter", description: "Electricity price in effect now (time-of-use aware)." },
  { name: EXPORTER_METRIC.carbonIntensity, type: "gauge", unit: "g CO2e/kWh", labels: ["region"], producer: "costExporter", description: "Grid carbon intensity (live when configured, else static)." },
  { name: EXPORTER_METRIC.pue, type: "gauge", unit: "ratio", labels: ["region"], producer: "costExporter", description: "Data-centre power usage effectiveness." },
  { name: EXPORTER_METRIC.gpuPrice, type: "gauge", unit: "USD/h", labels: ["gpu_model", "gpu_type"], producer: "costExporter", description: "Hourly price of one GPU; `gpu_model` equals DCGM's `modelName`." },
  { name: EXPORTER_METRIC.gpuTdp, type: "gauge", unit: "W", labels: ["gpu_model", "gpu_type"], producer: "costExporter", description: "Board power limit (TDP) of one GPU from pricing/gpu.yaml `tdpWatts`: the energy estimate of GPUs without an energy counter or power reading." },
  { name: EXPORTER_METRIC.llmPrice, type: "gauge", unit: "USD/1M tokens", labels: ["provider", "model", "kind"], producer: "costExporter", description: "List price of one million prompt (`kind=\"prompt\"`) or completion (`kind=\"completion\"`) tokens of a provider's model, from pricing/llm.yaml; no series for a model the file does not price, none at all without the file." },
  { name: EXPORTER_METRIC.exporterPricingInfo, type: "info", unit: "info", labels: ["electricity_date", "gpu_date", "llm_date", "sha256"], producer: "costExporter", description: "Which pricing is loaded (`llm_date` is empty without pricing/llm.yaml)." },
  { name: EXPORTER_METRIC.exporterPriceDate, type: "gauge", unit: "Unix seconds", labels: ["file", "item"], producer: "costExporter", description: "The `date` of each price in pricing/*.yaml (midnight UTC), by `file` (`electricity`, `gpu`, `llm`) and `item` (region, GPU type, `provider/model`): what PricingOutdated compares with its age limit." },
  { name: EXPORTER_METRIC.exporterLastReload, type: "gauge", unit: "Unix seconds", labels: [], producer: "costExporter", description: "Time of the last successful pricing load." },
  { name: EXPORTER_METRIC.exporterReloadErrors, type: "counter", unit: "errors", labels: [], producer: "costExporter", description: "Pricing reloads rejected as invalid." },
  { name: EXPORTER_METRIC.exporterCarbonProviderErrors, type: "counter", unit: "errors", labels: [], producer: "costExporter", description: "Live carbon-intensity requests that failed or timed out (the static figure was published instead)." },
];

/** Every series is written from the exporter's first scrape on, but LLM prices, which exist only with pricing/llm.yaml. */
export const exporterMetrics: readonly MetricEntry[] = entries.map((entry) => ({
  ...entry,
  input: {
    producer: "cost-exporter",
    registration: entry.name === EXPORTER_METRIC.llmPrice ? "optional" : "eager",
    enabledBy: entry.name === EXPORTER_METRIC.llmPrice ? "pricing/llm.yaml" : "the cost exporter (components.costExporter)",
  },
}));
