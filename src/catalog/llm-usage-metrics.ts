/**
 * Names of the llm pack that `nfops report` reads too: the contract for applications that call LLM
 * provider APIs (the original system's `LLMMetrics`) and the pack's hourly cost roll-up. The pack's
 * catalog (`rules/llm/catalog.ts`) spreads them into `LLM_METRIC`.
 */
export const LLM_USAGE_METRIC = {
  /** Counter, labels `provider`, `model`, `status` (`success` or `error`); `namespace` comes from the scrape. */
  requests: "nf_llm_requests_total",
  /** Counter, labels `provider`, `model`, `kind` (`prompt` or `completion`). */
  tokens: "nf_llm_tokens_total",
  /** Histogram in seconds, labels `provider`, `model`: the whole call, queueing included. */
  requestDuration: "nf_llm_request_duration_seconds",
  /** Histogram in seconds, labels `provider`, `model`: time a call waited before it was sent or scheduled. */
  queueDuration: "nf_llm_queue_duration_seconds",
  /** Hourly roll-up (each sample: the last hour), labels `namespace`, `provider`, `model`: tokens x price. */
  costUsd: "nf_llm_cost_usd",
} as const;
