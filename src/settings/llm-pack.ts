/** The `llm` pack's settings. Composed into the environment schema. */
export const llmSettingsSchema = {
  llm: {
    type: "object",
    additionalProperties: false,
    default: {},
    description: "Alert thresholds of the `llm` pack (`packs: [core, llm]`; see docs/llm.md), for self-hosted models (vLLM, TGI, Triton) and calls to provider APIs (`nf_llm_*`).",
    properties: {
      dailyCostUsd: {
        type: "number",
        exclusiveMinimum: 0,
        default: 100,
        description:
          "Provider spend over the last 24 hours, all namespaces, providers and models together (the sum of the hourly `nf_llm_cost_usd` roll-ups), above which `LLMDailyCostHigh` fires. Self-hosted GPU cost counts toward `budgets.weeklyCostUsd` instead.",
      },
      errorRatio: {
        type: "number",
        exclusiveMinimum: 0,
        exclusiveMaximum: 1,
        default: 0.1,
        description: "Share of failed requests over 5 minutes, per self-hosted model or provider model, above which `LLMErrorRateHigh` pages (critical).",
      },
      slowInferenceSeconds: {
        type: "number",
        exclusiveMinimum: 0,
        default: 60,
        description: "Mean end-to-end request time over 5 minutes, per self-hosted model or provider model, above which `LLMSlowInference` fires.",
      },
      ttftP95Seconds: {
        type: "number",
        exclusiveMinimum: 0,
        default: 2.5,
        description:
          "p95 time to first token over 5 minutes above which `LLMTimeToFirstTokenHigh` fires. 2.5 s is a bucket boundary of vLLM's histogram, so the alert means exactly \"more than 5 % of requests waited over 2.5 s\" instead of an interpolation, and it is about where a streaming chat feels stalled while long prompts still fit in the prefill.",
      },
      queueBacklog: {
        type: "number",
        exclusiveMinimum: 0,
        default: 100,
        description: "Requests waiting in a model server's queue (vLLM `num_requests_waiting`, TGI `tgi_queue_size`, Triton pending requests), per model, above which `InferenceQueueBacklog` fires after 5 minutes.",
      },
    },
  },
} as const;
