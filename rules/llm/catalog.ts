import { LLM_USAGE_METRIC } from "../../src/catalog/llm-usage-metrics.js";
import { genAiMetrics } from "../../src/catalog/otel-genai-metrics.js";
import { SERVING_SERVERS } from "../../src/catalog/serving-servers.js";
import type { InputContract } from "../../src/catalog/input-contracts.js";
import type { MetricEntry } from "../../src/catalog/types.js";
import { EXPORTER_METRIC } from "../../src/exporter/metric-catalog.js";

/**
 * Metric names of the LLM serving pack: the application contract and the hourly cost roll-up
 * (shared with `nfops report`, so written in `src/catalog/llm-usage-metrics.ts`) and the price the
 * cost exporter writes. Rules and dashboards refer to these constants, never to string literals.
 */
export const LLM_METRIC = {
  ...LLM_USAGE_METRIC,
  /** Gauge from the cost exporter, labels `provider`, `model`, `kind`: list price per million tokens. */
  price: EXPORTER_METRIC.llmPrice,
} as const;

/** Quantiles the pack records for every latency, as the `pNN` of their names. */
export const LLM_QUANTILES = [0.5, 0.95] as const;
export type LlmQuantile = (typeof LLM_QUANTILES)[number];

/** Label sets of the two halves of the semantic layer (the `level` of their recording names). */
export const SERVING_LEVEL = "namespace_service_model";
export const PROVIDER_LEVEL = "namespace_provider_model";

/** `pNN_rate5m` of a quantile: `p50_rate5m`, `p95_rate5m`. */
function quantileOps(quantile: number): string {
  return `p${Math.round(quantile * 100)}_rate5m`;
}

/** A latency's recordings: one per quantile, and the mean (`_sum` / `_count`). */
function latencyNames(level: string, metric: string): { readonly quantiles: Readonly<Record<LlmQuantile, string>>; readonly mean: string } {
  const quantiles = Object.fromEntries(LLM_QUANTILES.map((q) => [q, `${level}:${metric}:${quantileOps(q)}`])) as Record<LlmQuantile, string>;
  return { quantiles, mean: `${level}:${metric}:mean_rate5m` };
}

/** The 5-minute series both halves record: requests, errors, their ratio, tokens by kind, request duration. */
function trafficNames(level: string) {
  return {
    requests: `${level}:nf_llm_requests:rate5m`,
    errors: `${level}:nf_llm_errors:rate5m`,
    errorRatio: `${level}:nf_llm_error_ratio:rate5m`,
    tokens: `${level}:nf_llm_tokens:rate5m`,
    requestDuration: latencyNames(level, "nf_llm_request_duration_seconds"),
  } as const;
}

/**
 * Recording rules of the pack. Self-hosted models (vLLM, TGI, Triton) are recorded per
 * `namespace, service, model` with a `server` label; provider calls per `namespace, provider, model`.
 * Token series carry `kind` (`prompt`, `completion`), as the provider contract does.
 */
export const LLM_RECORD = {
  serving: {
    ...trafficNames(SERVING_LEVEL),
    timeToFirstToken: latencyNames(SERVING_LEVEL, "nf_llm_time_to_first_token_seconds"),
    interTokenLatency: latencyNames(SERVING_LEVEL, "nf_llm_inter_token_latency_seconds"),
    waiting: `${SERVING_LEVEL}:nf_llm_waiting_requests:sum`,
    running: `${SERVING_LEVEL}:nf_llm_running_requests:sum`,
    kvCacheUsage: `${SERVING_LEVEL}:nf_llm_kv_cache_usage_ratio:max`,
    preemptions: `${SERVING_LEVEL}:nf_llm_preemptions:rate5m`,
    tokens1h: `${SERVING_LEVEL}:nf_llm_tokens:sum1h`,
    gpuCostUsd1h: `${SERVING_LEVEL}:nf_llm_gpu_cost_usd:sum1h`,
    gpuCostPerMillionTokens1h: `${SERVING_LEVEL}:nf_llm_gpu_cost_usd_per_million_tokens:ratio1h`,
  },
  provider: {
    ...trafficNames(PROVIDER_LEVEL),
    queueDuration: latencyNames(PROVIDER_LEVEL, "nf_llm_queue_duration_seconds"),
    tokens1h: `${PROVIDER_LEVEL}:nf_llm_tokens:increase1h`,
    costPerMillionTokens1h: `${PROVIDER_LEVEL}:nf_llm_cost_usd_per_million_tokens:ratio1h`,
  },
} as const;

const SCRAPED = ["namespace", "pod"];
const byServing = ["namespace", "service", "model", "server"];
const byProvider = ["namespace", "provider", "model"];

/** Applications write these from their first provider call on. */
const CALLER: InputContract = { producer: "inference-services", registration: "lazy", enabledBy: "the application's instrumentation of provider calls (docs/llm.md)" };

/** The provider contract: what applications calling provider APIs export (docs/llm.md). */
const contractMetrics: readonly MetricEntry[] = [
  { name: LLM_METRIC.requests, type: "counter", unit: "requests", labels: [...SCRAPED, "provider", "model", "status"], producer: "inference services", input: CALLER, description: "Calls to an LLM provider API, by `status` (`success` or `error`)." },
  { name: LLM_METRIC.tokens, type: "counter", unit: "tokens", labels: [...SCRAPED, "provider", "model", "kind"], producer: "inference services", input: CALLER, description: "Tokens the provider billed, by `kind` (`prompt` or `completion`), as its response's usage reports them." },
  { name: LLM_METRIC.requestDuration, type: "histogram", unit: "seconds", labels: [...SCRAPED, "provider", "model", "le"], producer: "inference services", input: CALLER, description: "Duration of each call, queueing included." },
  { name: LLM_METRIC.queueDuration, type: "histogram", unit: "seconds", labels: [...SCRAPED, "provider", "model", "le"], producer: "inference services", input: CALLER, description: "Time each call waited in the application (rate limiter, worker pool) before it was sent." },
];

/**
 * vLLM 0.8-0.10 name the inter-token histogram `vllm:time_per_output_token_seconds`; the core pack
 * catalogues the current name only, and the pack reads both.
 */
const vllmFormerInterToken = SERVING_SERVERS.vllm.interTokenLatency?.formerName;
const formerNameMetrics: readonly MetricEntry[] = vllmFormerInterToken
  ? [{ name: vllmFormerInterToken, type: "histogram", unit: "seconds", labels: ["namespace", "service", "pod", ...SERVING_SERVERS.vllm.labels, "le"], producer: "inference services", input: { producer: "vllm", registration: "optional", enabledBy: "vLLM 0.8-0.10 (renamed in 0.11)" }, description: "vLLM 0.8-0.10: gap between consecutive output tokens (renamed vllm:inter_token_latency_seconds in 0.11)." }]
  : [];

function latencyEntries(names: ReturnType<typeof latencyNames>, labels: readonly string[], what: string): MetricEntry[] {
  return [
    ...LLM_QUANTILES.map((q): MetricEntry => ({ name: names.quantiles[q], type: "gauge", unit: "seconds", labels, producer: "recording rule", description: `p${Math.round(q * 100)} of ${what}.`, window: "5m" })),
    { name: names.mean, type: "gauge", unit: "seconds", labels, producer: "recording rule", description: `Mean of ${what}.`, window: "5m" },
  ];
}

const S = LLM_RECORD.serving;
const P = LLM_RECORD.provider;

const servingMetrics: readonly MetricEntry[] = [
  { name: S.requests, type: "gauge", unit: "requests/s", labels: byServing, producer: "recording rule", description: "Finished requests per second, failures included (Triton and TGI: successes plus server failures; vLLM: plus its API server's 5xx answers that never reached the engine, per service, split evenly between its models).", window: "5m" },
  { name: S.errors, type: "gauge", unit: "requests/s", labels: byServing, producer: "recording rule", description: "Requests the server failed per second (the catalog's server-failure reasons; client errors left out; vLLM: plus its API server's 5xx answers that never reached the engine, per service, split evenly between its models).", window: "5m" },
  { name: S.errorRatio, type: "gauge", unit: "ratio", labels: byServing, producer: "recording rule", description: "Failed / all requests.", window: "5m" },
  { name: S.tokens, type: "gauge", unit: "tokens/s", labels: [...byServing, "kind"], producer: "recording rule", description: "Prompt (`kind=\"prompt\"`) and generated (`kind=\"completion\"`) tokens per second (TGI: the `_sum` of its token histograms; Triton counts none).", window: "5m" },
  ...latencyEntries(S.timeToFirstToken, byServing, "time to first token (vLLM; Triton: first response of decoupled models)"),
  ...latencyEntries(S.interTokenLatency, byServing, "inter-token latency (vLLM; TGI: its per-request mean time per token, prefill included)"),
  ...latencyEntries(S.requestDuration, byServing, "end-to-end request latency (Triton: mean only)"),
  { name: S.waiting, type: "gauge", unit: "requests", labels: byServing, producer: "recording rule", description: "Requests queued and not yet running, summed over the service's pods and engines." },
  { name: S.running, type: "gauge", unit: "requests", labels: byServing, producer: "recording rule", description: "Requests in the running batches (vLLM num_requests_running, TGI batch size, Triton TensorRT-LLM active requests), summed over pods and engines." },
  { name: S.kvCacheUsage, type: "gauge", unit: "ratio", labels: byServing, producer: "recording rule", description: "Share of the KV cache in use on the fullest pod or engine of the model (vLLM; Triton with the TensorRT-LLM backend)." },
  { name: S.preemptions, type: "gauge", unit: "requests/s", labels: byServing, producer: "recording rule", description: "Requests preempted per second to free KV cache (vLLM).", window: "5m" },
  { name: S.tokens1h, type: "gauge", unit: "tokens", labels: [...byServing, "kind"], producer: "recording rule", description: "Tokens of the last hour: the 5-minute token rate summed over the hour's evaluations.", window: "1h" },
  { name: S.gpuCostUsd1h, type: "gauge", unit: "USD", labels: byServing, producer: "recording rule", description: "The serving namespace's GPU cost of the last hour (nf_cost_usd{source=\"gpu\"}) split between its models by their share of the namespace's tokens.", window: "1h" },
  { name: S.gpuCostPerMillionTokens1h, type: "gauge", unit: "USD per million tokens", labels: byServing, producer: "recording rule", description: "GPU cost of the last hour per million tokens (prompt and completion) the model processed.", window: "1h" },
];

const providerMetrics: readonly MetricEntry[] = [
  { name: P.requests, type: "gauge", unit: "requests/s", labels: byProvider, producer: "recording rule", description: "Provider calls per second.", window: "5m" },
  { name: P.errors, type: "gauge", unit: "requests/s", labels: byProvider, producer: "recording rule", description: "Failed provider calls per second (`status=\"error\"`).", window: "5m" },
  { name: P.errorRatio, type: "gauge", unit: "ratio", labels: byProvider, producer: "recording rule", description: "Failed / all provider calls.", window: "5m" },
  { name: P.tokens, type: "gauge", unit: "tokens/s", labels: [...byProvider, "kind"], producer: "recording rule", description: "Billed tokens per second by kind.", window: "5m" },
  ...latencyEntries(P.requestDuration, byProvider, "provider call duration"),
  ...latencyEntries(P.queueDuration, byProvider, "time calls waited before they were sent"),
  { name: P.tokens1h, type: "gauge", unit: "tokens", labels: [...byProvider, "kind"], producer: "recording rule", description: "Billed tokens of the last hour by kind.", window: "1h" },
  { name: LLM_METRIC.costUsd, type: "gauge", unit: "USD", labels: byProvider, producer: "recording rule", description: "Provider cost of the last hour: each kind's tokens x its price per million / 1e6. Tokens of unpriced models are left out (LLMModelUnpriced).", window: "1h" },
  { name: P.costPerMillionTokens1h, type: "gauge", unit: "USD per million tokens", labels: byProvider, producer: "recording rule", description: "Provider cost of the last hour per million billed tokens (prompt and completion).", window: "1h" },
];

export const llmMetrics: readonly MetricEntry[] = [...contractMetrics, ...genAiMetrics, ...formerNameMetrics, ...servingMetrics, ...providerMetrics];
