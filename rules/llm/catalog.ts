import { EXPORTER_METRIC } from "../../src/exporter/metric-catalog.js";

/**
 * Metric names of the LLM serving pack: the contract for applications that call LLM provider APIs
 * (the original system's `LLMMetrics`) and the pack's hourly cost roll-up. Rules, dashboards and
 * `nfops report` refer to these constants, never to string literals.
 */
export const LLM_METRIC = {
  /** Counter, labels `provider`, `model`, `status` (`success` or `error`); `namespace` comes from the scrape. */
  requests: "nf_llm_requests_total",
  /** Counter, labels `provider`, `model`, `kind` (`prompt` or `completion`). */
  tokens: "nf_llm_tokens_total",
  /** Histogram in seconds, labels `provider`, `model`: the whole call, queueing included. */
  requestDuration: "nf_llm_request_duration_seconds",
  /** Histogram in seconds, labels `provider`, `model`: time a call waited before it was sent or scheduled. */
  queueDuration: "nf_llm_queue_duration_seconds",
  /** Gauge from the cost exporter, labels `provider`, `model`, `kind`: list price per million tokens. */
  price: EXPORTER_METRIC.llmPrice,
  /** Hourly roll-up (each sample: the last hour), labels `namespace`, `provider`, `model`: tokens x price. */
  costUsd: "nf_llm_cost_usd",
} as const;
