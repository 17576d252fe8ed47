import { dnsLabel, duration, promLabelValue } from "./schema-shapes.js";

/**
 * An objective on one histogram of an SLO's source: `target` % of its observations at or under
 * `thresholdMs`, which must name one of its bucket bounds (TGI's computed bounds within 0.5 %).
 */
function histogramObjective(description: string, targetMeaning: string) {
  return {
    type: "object",
    additionalProperties: false,
    required: ["thresholdMs"],
    description,
    properties: {
      thresholdMs: {
        type: "number",
        exclusiveMinimum: 0,
        description: "Threshold in milliseconds; must be a bucket bound of the source's histogram (the error names the nearest ones; TGI's 0.1 ms × 1.5ⁿ bounds match within 0.5 %).",
      },
      target: { type: "number", exclusiveMinimum: 0, exclusiveMaximum: 100, default: 95, description: `% ${targetMeaning}.` },
    },
  } as const;
}

/** The `core` pack's inference objectives: the default SLO (`slo`), declared SLOs (`slos`). Composed into the environment schema. */
export const coreSloSettingsSchema = {
  slo: {
    type: "object",
    additionalProperties: false,
    default: {},
    description: "Inference service level objectives.",
    properties: {
      latencyP95Ms: {
        type: "number",
        exclusiveMinimum: 0,
        default: 250,
        description:
          "p95 latency objective in milliseconds (`InferenceLatencyHigh`). Must be a bucket boundary of `nf_infer_latency_ms`.",
      },
      errorRatio: {
        type: "number",
        exclusiveMinimum: 0,
        exclusiveMaximum: 1,
        default: 0.005,
        description:
          "Highest acceptable ratio of failed to all requests (`InferenceErrorRateHigh`); it is also the error budget of the burn-rate alerts (0.005 = 99.5 % success objective).",
      },
      minRequestsPerSecond: {
        type: "number",
        minimum: 0,
        maximum: 1000000,
        default: 0.1,
        description:
          "Services with fewer requests per second than this are left out of the SLO alerts: a handful of requests makes every ratio and percentile noise. Measured over 5 minutes for InferenceLatencyHigh and InferenceErrorRateHigh, and over the short window of each burn-rate pair.",
      },
    },
  },
  slos: {
    type: "array",
    default: [],
    description:
      "Service level objectives over the requests a selector picks, each with its own availability, latency, time-to-first-token and inter-token objectives (see docs/slos.md \"SLOs\"). Each gets SLI recording rules, multi-window multi-burn-rate alerts (`SLOErrorBudgetBurn`, `SLOLatencyBudgetBurn`, `SLOTimeToFirstTokenBudgetBurn`, `SLOInterTokenLatencyBudgetBurn`), its error budget over `window`, and `SLOMetricsAbsent`. The `slo` settings above are the default SLO over `nf_infer_*`, named `inference`.",
    items: {
      type: "object",
      additionalProperties: false,
      required: ["name", "source"],
      properties: {
        name: { ...dnsLabel, description: "Unique name: the `slo` label of its series and alerts. `inference` is the default SLO's." },
        selector: {
          type: "object",
          additionalProperties: false,
          default: {},
          description: "Which requests count, as exact label values; an empty selector takes every request of the source. The source's own model label is matched for `model`.",
          properties: {
            namespace: { ...dnsLabel, description: "Namespace of the serving pods." },
            service: { ...dnsLabel, description: "Service of the serving pods (the `service` label of the inference scrape job)." },
            model: promLabelValue("Model name as the server reports it (vLLM `model_name`, Triton `model`, `nf_infer_*` `model`; TGI serves one model per server and has no model label)."),
          },
        },
        source: {
          type: "string",
          enum: ["nf_infer", "vllm", "tgi", "triton"],
          description: "Whose metrics measure it: the `nf_infer_*` contract, or the native metrics of vLLM, Hugging Face TGI or NVIDIA Triton.",
        },
        availability: {
          type: "number",
          exclusiveMinimum: 0,
          exclusiveMaximum: 100,
          default: 99.5,
          description: "Objective in % of requests that succeed. Its error budget is 100 − this; the fastest burn tier (14.4×) must be able to fire, so it must be above 93.06.",
        },
        latency: histogramObjective(
          "Latency objective: `target` % of requests finish within `thresholdMs`, from the source's end-to-end latency histogram (nf_infer, vllm, tgi). Leave out for an availability-only SLO.",
          "of requests that must finish within the threshold",
        ),
        ttft: histogramObjective(
          "Time-to-first-token objective: `target` % of requests get their first token within `thresholdMs` (`SLOTimeToFirstTokenBudgetBurn`), from vLLM's `vllm:time_to_first_token_seconds` or Triton's first-response histogram (decoupled models, `histogram_latencies=true`). TGI has no such histogram.",
          "of requests whose first token must come within the threshold",
        ),
        interTokenLatency: histogramObjective(
          "Inter-token latency objective (`SLOInterTokenLatencyBudgetBurn`): for vLLM `target` % of the gaps between output tokens (`vllm:inter_token_latency_seconds`), for TGI `target` % of requests' mean time per token (`tgi_request_mean_time_per_token_duration`, prefill included) within `thresholdMs`. Triton has no such histogram.",
          "of events that must be within the threshold",
        ),
        window: { ...duration("7d", "90d"), default: "28d", description: "Window of the error budget (a whole number of weeks keeps weekday patterns even)." },
        minRequestsPerSecond: {
          type: "number",
          minimum: 0,
          maximum: 1000000,
          description: "Traffic below which the SLO's alerts stay quiet (the short window of each burn-rate pair). Defaults to `slo.minRequestsPerSecond`.",
        },
      },
    },
  },
} as const;
