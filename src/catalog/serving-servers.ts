/**
 * What three model servers expose on `/metrics`, as they expose it: names, label names, units and
 * default histogram boundaries. The SLO rules, the LLM rule pack and their tests are generated from
 * these facts, so a name here must be the name a server emits, not the name we would like.
 *
 * Sources (read for reference, summarised in our own words; commits are the ones read):
 * - vLLM: vllm-project/vllm `vllm/v1/metrics/loggers.py` @ a6f0308cfe80 (0.8-era V1) and @ 005a810bc40f
 *   (0.10-era, one logger for several engines; running, KV-cache and preemption series there); the 0.11 rename of the inter-token histogram in the
 *   same file; `vllm/v1/engine/__init__.py` (`FINISH_REASON_STRINGS`); `vllm/engine/metrics.py`
 *   @ 00c33e81b526 (V0); `docs/design/metrics.md` (HTTP metrics); PRs #12579, #15657, #26813, issues
 *   #31503, #55634.
 * - TGI: huggingface/text-generation-inference `router/src/server.rs` @ 003eaec0fbe0,
 *   `router/src/infer/mod.rs` @ 058162685f05, `docs/source/reference/metrics.md` @ 53fdbe617d4f, and the
 *   v3 backend's queue/batching code (`dropped`, `generation` failures).
 * - TGI batch size: `backends/v3/src/backend.rs` and `docs/source/reference/metrics.md` @ v3.3.7.
 * - TensorRT-LLM backend of Triton: triton-inference-server/tensorrtllm_backend
 *   `inflight_batcher_llm/src/custom_metrics_reporter/custom_metrics_reporter.cc` @ v0.19.0 (the last
 *   release before the backend moved into NVIDIA/TensorRT-LLM) and the README's "Triton Metrics".
 * - Triton: triton-inference-server/core `src/metric_model_reporter.cc` @ 6370c433e5be,
 *   `src/metric_model_reporter.h` @ 05295b706ae4, `src/metrics.cc` @ 00a1eefb63c2;
 *   triton-inference-server/server `docs/user_guide/metrics.md` @ 067c1e968356 and its later
 *   "Histograms" section; core PRs #377 (failure reasons), #396 (first-response histogram); server
 *   issues #8521, #8561.
 */

export const SERVING_SERVER_NAMES = ["vllm", "tgi", "triton"] as const;
export type ServingServerName = (typeof SERVING_SERVER_NAMES)[number];

export type ServedUnit = "seconds" | "milliseconds" | "microseconds" | "tokens";

/** Seconds per unit of a served latency; token counts are never latencies. */
export const SECONDS_PER_UNIT: Readonly<Record<ServedUnit, number>> = { seconds: 1, milliseconds: 1e-3, microseconds: 1e-6, tokens: Number.NaN };

export interface ServedHistogram {
  /** Base name as exposed (`_bucket`, `_sum`, `_count` are implied). */
  readonly name: string;
  readonly unit: ServedUnit;
  /** Default upper bounds in `unit`, ascending, without `+Inf`, at full float precision. */
  readonly buckets: readonly number[];
  readonly description: string;
  /** Set when the histogram is off by default: what turns it on. */
  readonly enabledBy?: string;
  /** Set when the bounds come from the server's configuration: which flag, and the value `buckets` uses. */
  readonly bucketsFrom?: string;
  /** Name of the same series in older releases (same buckets), for `name or formerName` queries. */
  readonly formerName?: string;
  /**
   * Set when the bounds are computed and cannot be typed (TGI's 0.1 ms × 1.5ⁿ): the relative distance
   * within which an SLO threshold is taken as a bound.
   * @default 0, a threshold must be a bound exactly
   */
  readonly thresholdTolerance?: number;
}

export interface ServedCounter {
  /** Name as exposed, with `_total` only where the server emits it. */
  readonly name: string;
  /** Label matcher selecting the events, e.g. `finished_reason="error"`. */
  readonly matcher?: string;
  readonly description: string;
}

export interface ServedGauge {
  readonly name: string;
  /** Label matcher selecting the gauge's series, e.g. `request_type="active"`. */
  readonly matcher?: string;
  readonly description: string;
  /** Name of the same gauge in older releases, for `name or formerName` queries. */
  readonly formerName?: string;
  /** Set when only some setups or releases write it: which (its absence then breaks no contract). */
  readonly enabledBy?: string;
}

/** The label that says how a request ended, and which of its values are whose fault. */
export interface OutcomeLabel {
  readonly label: string;
  /** The server failed (or shed) the request: what an availability SLO counts as bad. */
  readonly serverFailures: readonly string[];
  /** The client caused it (invalid input, went away): not the server's failure. */
  readonly clientFailures: readonly string[];
  /** Values that are normal endings, where the label also carries those (vLLM). */
  readonly successes: readonly string[];
}

/** A latency kept as a running total (no distribution): mean = rate(total) / rate(countedBy). */
export interface CumulativeLatency {
  readonly name: string;
  readonly unit: ServedUnit;
  /** Counter of the requests whose durations the total adds up. */
  readonly countedBy: string;
  readonly description: string;
}

export interface ServingServer {
  readonly name: ServingServerName;
  readonly displayName: string;
  readonly factsFrom: string;
  /** Label carrying the served model's name; undefined when a server serves one model. */
  readonly modelLabel: string | undefined;
  /** Labels on every per-model series the server emits (besides per-metric ones like `le`). */
  readonly labels: readonly string[];
  readonly requests: ServedCounter;
  /** Whether `requests` already counts failed requests; if not, all requests = requests + failures. */
  readonly requestsIncludeFailures: boolean;
  /** Server-side failures only (client errors left out), per `outcome`. */
  readonly failures: ServedCounter | undefined;
  readonly outcome: OutcomeLabel;
  /** End-to-end request latency histogram, when the server has one by default. */
  readonly latency: ServedHistogram | undefined;
  /** When `latency` is undefined: why, in a sentence a user can act on. */
  readonly noLatencyBecause?: string;
  readonly latencyTotal?: CumulativeLatency;
  readonly timeToFirstToken?: ServedHistogram;
  readonly interTokenLatency?: ServedHistogram;
  /** Counter of tokens, or a per-request histogram whose `_sum` counts them. */
  readonly promptTokens?: ServedCounter | ServedHistogram;
  readonly completionTokens?: ServedCounter | ServedHistogram;
  readonly waitingRequests?: ServedGauge;
  /**
   * Set when the server registers its counters on their first increment rather than at start, so
   * that after a restart without traffic they are absent: a series written for every request it
   * accepts, whose presence says requests came since.
   * @default undefined: registered at start, absent only when something is wrong
   */
  readonly lazyRegistration?: { readonly requestEvidence: string };
  /** Requests in the running batch now (scheduled, decoding). */
  readonly runningRequests?: ServedGauge;
  /** Share of the KV cache in use, 0 to 1, per engine or model instance. */
  readonly kvCacheUsage?: ServedGauge;
  /** Counter of requests preempted (evicted from the batch, their KV cache freed, to be recomputed). */
  readonly preemptions?: ServedCounter;
  /** HTTP-level counters, for failures the engine never sees (rejected before scheduling). */
  readonly httpRequests?: { readonly all: ServedCounter; readonly serverErrors: ServedCounter };
}

/** `label="v"` for one value, `label=~"a|b"` for several. */
function matchAny(label: string, values: readonly string[]): string {
  return values.length === 1 ? `${label}="${values[0]}"` : `${label}=~"${values.join("|")}"`;
}

/** `label!="v"` / `label!~"a|b"`: also matches series without the label (older releases). */
function matchNone(label: string, values: readonly string[]): string {
  return values.length === 1 ? `${label}!="${values[0]}"` : `${label}!~"${values.join("|")}"`;
}

// ---------------------------------------------------------------------------------------------
// vLLM (V1 engine, 0.8 and later)
// ---------------------------------------------------------------------------------------------

/**
 * vLLM names everything `vllm:<name>` and passes counters to prometheus_client without `_total`,
 * which appends it: the counter `vllm:request_success` is exposed as `vllm:request_success_total`.
 * V1 labels every series `model_name` (the served model name) and `engine` (engine index, "0"
 * unless data parallel); V0 had `model_name` only. The V1 loggers create one
 * `vllm:request_success_total` series per finish reason at start-up, so the failure series exist
 * (at 0) before the first failure.
 */
const VLLM_OUTCOME: OutcomeLabel = {
  label: "finished_reason",
  // `error` (retryable internal error, e.g. a KV-cache load failure; the client gets a 500) came
  // with the KV-load-failure work (PR #26813, autumn 2025, ~0.11.1); earlier releases have no
  // server-failure reason at all, so the failure series is simply absent there.
  serverFailures: ["error"],
  // `abort` is a client disconnect or cancel. Issue #31503 (0.13) and #55634 (0.10): aborted requests
  // reach neither this counter nor the per-request histograms, so it reads 0 in practice.
  clientFailures: ["abort"],
  // `repetition` (0.17+) ends a generation stuck in a loop, as asked by the request's parameters.
  successes: ["stop", "length", "repetition"],
};

/** Shared by every per-request phase histogram (e2e, queue, prefill, decode, inference). */
const VLLM_REQUEST_LATENCY_BUCKETS = [
  0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 15.0, 20.0, 30.0, 40.0, 50.0, 60.0, 120.0, 240.0, 480.0, 960.0,
  1920.0, 7680.0,
] as const;

/**
 * The TTFT and inter-token bounds below are the `buckets=` lists that vllm/v1/metrics/loggers.py
 * passes to its histograms (@ a6f0308cfe80 and @ 005a810bc40f; unchanged by the 0.11 rename), and
 * the SLO thresholds `slos[].ttft` / `slos[].interTokenLatency` must be one of them.
 */
const VLLM_TTFT_BUCKETS = [
  0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0,
  160.0, 640.0, 2560.0,
] as const;

const VLLM_INTER_TOKEN_BUCKETS = [
  0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0,
] as const;

const VLLM_E2E: ServedHistogram = {
  name: "vllm:e2e_request_latency_seconds",
  unit: "seconds",
  buckets: VLLM_REQUEST_LATENCY_BUCKETS,
  description: "Arrival to last token of each finished request.",
};

const VLLM_TTFT: ServedHistogram = {
  name: "vllm:time_to_first_token_seconds",
  unit: "seconds",
  buckets: VLLM_TTFT_BUCKETS,
  description: "Arrival (as the frontend saw it) to the first generated token, one observation per request.",
};

const VLLM_ITL: ServedHistogram = {
  name: "vllm:inter_token_latency_seconds",
  unit: "seconds",
  buckets: VLLM_INTER_TOKEN_BUCKETS,
  description:
    "Gap between consecutive output tokens, one observation per gap. Named so since 0.11; 0.8-0.10 expose the " +
    "same observations as vllm:time_per_output_token_seconds (0.11 emits both, later releases hide the old name).",
  formerName: "vllm:time_per_output_token_seconds",
};

const VLLM_PROMPT_TOKENS: ServedCounter = {
  name: "vllm:prompt_tokens_total",
  description: "Prefill tokens processed (also counts prompts of requests later aborted).",
};

const VLLM_GENERATION_TOKENS: ServedCounter = { name: "vllm:generation_tokens_total", description: "Tokens generated." };

const VLLM_WAITING: ServedGauge = {
  name: "vllm:num_requests_waiting",
  description: "Requests queued in the scheduler, not yet running.",
};

const VLLM_RUNNING: ServedGauge = {
  name: "vllm:num_requests_running",
  description: "Requests in the model's execution batches now.",
};

/** 0.9 renamed the gauge; 0.8 has only the old name, 0.9-0.10 both (the old one hidden later). */
const VLLM_KV_CACHE: ServedGauge = {
  name: "vllm:kv_cache_usage_perc",
  description: "Share of the KV-cache blocks in use, 0 to 1 despite the name (1 = full).",
  formerName: "vllm:gpu_cache_usage_perc",
  enabledBy: "vLLM 0.9 and later as vllm:kv_cache_usage_perc, 0.8-0.10 as vllm:gpu_cache_usage_perc (hidden later); a server writes at least one, and the rules read either",
};

const VLLM_PREEMPTIONS: ServedCounter = {
  name: "vllm:num_preemptions_total",
  description: "Requests the scheduler preempted to free KV cache (recomputed later); a full cache shows here first.",
};

const VLLM_HTTP_REQUESTS = "http_requests_total";

const VLLM_REQUEST_SUCCESS = "vllm:request_success_total";

const VLLM: ServingServer = {
  name: "vllm",
  displayName: "vLLM",
  factsFrom:
    "vLLM 0.8-0.17 (V1 engine): vllm-project/vllm vllm/v1/metrics/loggers.py @ a6f0308cfe80 and @ 005a810bc40f, " +
    "vllm/v1/engine/__init__.py, docs/design/metrics.md; V0: vllm/engine/metrics.py @ 00c33e81b526",
  modelLabel: "model_name",
  labels: ["model_name", "engine"],
  requests: {
    name: VLLM_REQUEST_SUCCESS,
    description:
      "Finished requests by finished_reason. Despite the name it counts every request the engine finished, " +
      "errors included; requests rejected before the engine (bad input, unknown model) never reach it.",
  },
  requestsIncludeFailures: true,
  failures: {
    name: VLLM_REQUEST_SUCCESS,
    matcher: matchAny(VLLM_OUTCOME.label, VLLM_OUTCOME.serverFailures),
    description: "Requests the engine ended with an internal error (finished_reason=\"error\", 0.11.1 and later).",
  },
  outcome: VLLM_OUTCOME,
  // V0 (the default engine before 0.8, removed since) used the same name; its early releases
  // (0.4-era) had shorter lists: 1-60 s here, TTFT up to 10 s, per-token up to 2.5 s.
  latency: VLLM_E2E,
  timeToFirstToken: VLLM_TTFT,
  interTokenLatency: VLLM_ITL,
  promptTokens: VLLM_PROMPT_TOKENS,
  completionTokens: VLLM_GENERATION_TOKENS,
  waitingRequests: VLLM_WAITING,
  runningRequests: VLLM_RUNNING,
  kvCacheUsage: VLLM_KV_CACHE,
  preemptions: VLLM_PREEMPTIONS,
  // prometheus_fastapi_instrumentator (PR #15657, 0.8.3 or so): status grouped as 2xx/4xx/5xx; no
  // model_name label, and it also counts /v1/models and other handlers.
  httpRequests: {
    all: { name: VLLM_HTTP_REQUESTS, description: "HTTP requests by handler, method and status class." },
    serverErrors: {
      name: VLLM_HTTP_REQUESTS,
      matcher: 'status="5xx"',
      description: "HTTP requests answered with a 5xx status.",
    },
  },
};

// ---------------------------------------------------------------------------------------------
// TGI (text-generation-inference router, 2.x and 3.x)
// ---------------------------------------------------------------------------------------------

/**
 * The router records through the Rust `metrics` crate and metrics-exporter-prometheus, which keeps
 * names as given: prefix `tgi_`, no `_total` on counters, no unit suffix (durations are seconds
 * without `_seconds`). One model per server, so no model label; only failures carry a label (`err`).
 */
const TGI_OUTCOME: OutcomeLabel = {
  label: "err",
  // generation: the shards failed a batch (HTTP 424); incomplete: the stream ended without its last
  // token (500); overloaded: more than --max-concurrent-requests in flight (429, load shedding).
  serverFailures: ["generation", "incomplete", "overloaded"],
  // validation: bad parameters or input too long (422); template: chat template failed on the
  // messages; dropped: the client went away while its request was queued.
  clientFailures: ["validation", "template", "dropped"],
  successes: [],
};

/**
 * router/src/server.rs @ 003eaec0fbe0 (metrics-exporter-prometheus set up with Matcher::Suffix("duration")
 * and these buckets) gives every `*duration` histogram, request duration and mean time per token
 * included, these bounds; SLO thresholds on them match within TGI_DURATION_TOLERANCE.
 */
const TGI_DURATION_BUCKET_COUNT = 35;
const TGI_DURATION_FIRST_BASE_SECONDS = 0.0001;
const TGI_DURATION_GROWTH = 1.5;
/** Neighbouring bounds are 50 % apart, so 0.5 % picks one bound only and is well under a typo. */
const TGI_DURATION_TOLERANCE = 0.005;

/**
 * TGI's duration bounds, computed as the router does: start at 0.1 ms and multiply by 1.5 before
 * each push, 35 times (0.00015 s … ≈145.6 s). Same f64 arithmetic as Rust, so the numbers (and
 * their shortest printed form in `le`) are identical.
 */
export function tgiDurationBuckets(): number[] {
  const buckets: number[] = [];
  let value = TGI_DURATION_FIRST_BASE_SECONDS;
  for (let i = 0; i < TGI_DURATION_BUCKET_COUNT; i++) {
    value *= TGI_DURATION_GROWTH;
    buckets.push(value);
  }
  return buckets;
}

const TGI_TOKEN_BUCKET_COUNT = 100;

/** TGI's token histograms: `max / 100 × k` for k = 1…100, `max` being a launcher limit. */
export function tgiTokenBuckets(maxTokens: number): number[] {
  return Array.from({ length: TGI_TOKEN_BUCKET_COUNT }, (_, k) => (maxTokens / TGI_TOKEN_BUCKET_COUNT) * (k + 1));
}

/**
 * No fixed default exists for the token limits (derived from the model since 2.x; 2.x capped them
 * at 4095/4096), so the listed token buckets are those of this example configuration.
 */
export const TGI_EXAMPLE_MAX_INPUT_TOKENS = 4095;
export const TGI_EXAMPLE_MAX_TOTAL_TOKENS = 4096;

const TGI_REQUEST_DURATION: ServedHistogram = {
  name: "tgi_request_duration",
  unit: "seconds",
  buckets: tgiDurationBuckets(),
  thresholdTolerance: TGI_DURATION_TOLERANCE,
  description: "Arrival to response of each successful request (validation + queue + inference).",
};

// No time-to-first-token metric in the router. This per-request mean is inference time over
// generated tokens, so it includes the prefill: an approximation of inter-token latency only.
const TGI_MEAN_TIME_PER_TOKEN: ServedHistogram = {
  name: "tgi_request_mean_time_per_token_duration",
  unit: "seconds",
  buckets: tgiDurationBuckets(),
  thresholdTolerance: TGI_DURATION_TOLERANCE,
  description:
    "Per successful request, inference time divided by generated tokens (prefill included), one observation " +
    "per request. tgi_batch_inference_duration / tgi_batch_forward_duration{method=decode} time whole batches.",
};

const TGI_INPUT_LENGTH: ServedHistogram = {
  name: "tgi_request_input_length",
  unit: "tokens",
  buckets: tgiTokenBuckets(TGI_EXAMPLE_MAX_INPUT_TOKENS),
  bucketsFrom: `--max-input-tokens: max/100 × k, k = 1…100; listed for ${TGI_EXAMPLE_MAX_INPUT_TOKENS}`,
  description: "Input tokens per validated request; _sum counts prompt tokens (failed generations included).",
};

const TGI_GENERATED_TOKENS: ServedHistogram = {
  name: "tgi_request_generated_tokens",
  unit: "tokens",
  buckets: tgiTokenBuckets(TGI_EXAMPLE_MAX_TOTAL_TOKENS),
  bucketsFrom: `--max-total-tokens: max/100 × k, k = 1…100; listed for ${TGI_EXAMPLE_MAX_TOTAL_TOKENS}`,
  description: "Generated tokens per successful request; _sum counts completion tokens.",
};

const TGI_QUEUE_SIZE: ServedGauge = { name: "tgi_queue_size", description: "Requests queued, waiting for a batch." };

/**
 * Arrivals, counted twice for the OpenAI-compatible routes: `chat_completions` and `completions`
 * increment it and then call `generate_internal` / `generate_stream_internal`, which increment it
 * again (router/src/server.rs @ v3.3.7, lines 296, 518, 727, 1180; upstream issue #1901, open).
 * Halved error ratios follow, so no rule reads it.
 */
export const TGI_REQUEST_COUNT = "tgi_request_count";
/** Written for every request TGI validates (router/src/validation.rs @ v3.3.7): the evidence that requests came since a restart. */
export const TGI_REQUEST_EVIDENCE = "tgi_request_input_length_count";
/** TGI exposes no KV-cache share and does not preempt: its batches are sized so the KV cache fits. */
const TGI_BATCH_SIZE: ServedGauge = {
  name: "tgi_batch_current_size",
  description: "Requests in the batch being generated (0 between batches).",
};

/** Failures, by `err`, counted once per request (router/src/infer/mod.rs and server.rs @ v3.3.7). */
const TGI_REQUEST_FAILURE = "tgi_request_failure";
/** Successes, counted once on completion in `generate_internal` / `generate_stream_internal` (server.rs @ v3.3.7, lines 415, 620). */
const TGI_REQUEST_SUCCESS = "tgi_request_success";

const TGI: ServingServer = {
  name: "tgi",
  displayName: "Hugging Face TGI",
  factsFrom:
    "TGI 2.x/3.x router: huggingface/text-generation-inference router/src/server.rs @ 003eaec0fbe0 and v3.3.7, " +
    "router/src/infer/mod.rs @ 058162685f05, docs/source/reference/metrics.md @ 53fdbe617d4f; batch size: " +
    "backends/v3/src/backend.rs @ v3.3.7",
  modelLabel: undefined,
  labels: [],
  requests: {
    name: TGI_REQUEST_SUCCESS,
    description: "Requests that succeeded, counted once on completion (tgi_request_count counts chat and completions requests twice).",
  },
  requestsIncludeFailures: false,
  // The `metrics` crate registers a series on its first increment or observation; `describe_*` at
  // start only sets HELP (server.rs @ v3.3.7, `start`). Validation observes every generate request's
  // input length (router/src/validation.rs @ v3.3.7, line 192).
  lazyRegistration: { requestEvidence: TGI_REQUEST_EVIDENCE },
  failures: {
    name: TGI_REQUEST_FAILURE,
    matcher: matchAny(TGI_OUTCOME.label, TGI_OUTCOME.serverFailures),
    description: "Requests the server failed or shed (err = generation, incomplete, overloaded).",
  },
  outcome: TGI_OUTCOME,
  latency: TGI_REQUEST_DURATION,
  interTokenLatency: TGI_MEAN_TIME_PER_TOKEN,
  promptTokens: TGI_INPUT_LENGTH,
  completionTokens: TGI_GENERATED_TOKENS,
  waitingRequests: TGI_QUEUE_SIZE,
  runningRequests: TGI_BATCH_SIZE,
};

// ---------------------------------------------------------------------------------------------
// Triton Inference Server (2.4x and later)
// ---------------------------------------------------------------------------------------------

/**
 * prometheus-cpp names as given, prefix `nv_`, no `_total` on counters, units in the name (`_us`,
 * `_ms`). Per-model series carry `model` and `version`; also `namespace` with model namespacing, and
 * `_<tag>` labels from model tags. Ensembles count both the ensemble and its composing models.
 */
const TRITON_OUTCOME: OutcomeLabel = {
  label: "reason",
  // REJECTED: timed out or refused by the scheduler queue; BACKEND: the backend returned an error;
  // OTHER: everything else, including every ensemble failure. The label appeared in 24.07 (2.48,
  // core PR #377): the matcher excludes the client value instead of listing the server ones so that
  // older servers' unlabelled series still match. Python-backend models that answer with an error
  // response (instead of raising) are counted as successes (issue #8521).
  serverFailures: ["REJECTED", "BACKEND", "OTHER"],
  clientFailures: ["CANCELED"],
  successes: [],
};

/**
 * Default bounds of the first-response histogram, in milliseconds: triton-inference-server/server
 * docs/user_guide/metrics.md, "Histograms" (after @ 067c1e968356: "Triton initializes histograms with
 * default buckets", le 100, 500, 2000, 5000), overridable per model; the SLO threshold `slos[].ttft`
 * of a Triton SLO must be one of them.
 */
const TRITON_FIRST_RESPONSE_BUCKETS_MS = [100, 500, 2000, 5000] as const;

const TRITON_REQUEST_SUCCESS = "nv_inference_request_success";

const TRITON_REQUEST_DURATION: CumulativeLatency = {
  name: "nv_inference_request_duration_us",
  unit: "microseconds",
  countedBy: TRITON_REQUEST_SUCCESS,
  description:
    "Cumulative end-to-end handling time of successful requests (cache hits included); off with " +
    "--metrics-config counter_latencies=false. Queue and compute parts: nv_inference_queue_duration_us, " +
    "nv_inference_compute_{input,infer,output}_duration_us.",
};

const TRITON_FIRST_RESPONSE: ServedHistogram = {
  name: "nv_inference_first_response_histogram_ms",
  unit: "milliseconds",
  buckets: TRITON_FIRST_RESPONSE_BUCKETS_MS,
  enabledBy:
    "--metrics-config histogram_latencies=true, and only for decoupled models; bounds per model with " +
    "model_metrics.metric_control in config.pbtxt",
  description:
    "Request to first response. For a streaming (decoupled) LLM backend that is the first streamed chunk, " +
    "close to time to first token; not a token-level measure.",
};

const TRITON_PENDING: ServedGauge = {
  name: "nv_inference_pending_request_count",
  description: "Requests received and not yet handed to a backend for execution, per model.",
};

const TRITON_REQUEST_FAILURE = "nv_inference_request_failure";

const TRITON: ServingServer = {
  name: "triton",
  displayName: "NVIDIA Triton Inference Server",
  factsFrom:
    "Triton 2.4x-2.5x (24.xx-25.xx): triton-inference-server/core src/metric_model_reporter.cc @ 6370c433e5be, " +
    "src/metric_model_reporter.h @ 05295b706ae4, src/metrics.cc @ 00a1eefb63c2; " +
    "triton-inference-server/server docs/user_guide/metrics.md @ 067c1e968356 and later; TensorRT-LLM backend: " +
    "triton-inference-server/tensorrtllm_backend inflight_batcher_llm/src/custom_metrics_reporter/custom_metrics_reporter.cc @ v0.19.0",
  modelLabel: "model",
  labels: ["model", "version"],
  requests: {
    name: TRITON_REQUEST_SUCCESS,
    description: "Successful requests (a batched request counts once); failures are counted apart.",
  },
  requestsIncludeFailures: false,
  failures: {
    name: TRITON_REQUEST_FAILURE,
    matcher: matchNone(TRITON_OUTCOME.label, TRITON_OUTCOME.clientFailures),
    description: "Failed requests except client cancellations, by reason (REJECTED, BACKEND, OTHER).",
  },
  outcome: TRITON_OUTCOME,
  // No request-latency histogram by default: cumulative µs counters (below), optional summaries
  // (nv_inference_request_summary_us, --metrics-config summary_latencies=true), and histogram
  // versions of the µs counters only proposed upstream (core PR #474, unreleased when read).
  latency: undefined,
  noLatencyBecause:
    "Triton exposes request latency only as a cumulative microsecond counter " +
    "(nv_inference_request_duration_us): it gives a mean, not the share of requests under a threshold.",
  latencyTotal: TRITON_REQUEST_DURATION,
  timeToFirstToken: TRITON_FIRST_RESPONSE,
  // Triton core counts no LLM tokens. TensorRT-LLM backend: only nv_trt_llm_* gauges (requests,
  // KV blocks, in-flight batcher); the vLLM backend can re-export vllm:prompt_tokens_total and
  // vllm:generation_tokens_total with Triton's model/version labels (REPORT_CUSTOM_METRICS).
  waitingRequests: TRITON_PENDING,
  runningRequests: {
    name: "nv_trt_llm_request_metrics",
    matcher: 'request_type="active"',
    description: "TensorRT-LLM backend only: requests active in the in-flight batcher.",
    enabledBy: "the TensorRT-LLM backend (tensorrtllm_backend); other backends do not write it",
  },
  kvCacheUsage: {
    name: "nv_trt_llm_kv_cache_block_metrics",
    matcher: 'kv_cache_block_type="fraction"',
    description: "TensorRT-LLM backend only: used / max KV-cache blocks (\"Fraction used KV cache blocks\").",
    enabledBy: "the TensorRT-LLM backend (tensorrtllm_backend); other backends do not write it",
  },
};

export const SERVING_SERVERS: Readonly<Record<ServingServerName, ServingServer>> = {
  vllm: VLLM,
  tgi: TGI,
  triton: TRITON,
};
