import { GENAI_INPUT } from "./input-contracts.js";
import type { MetricEntry } from "./types.js";

/**
 * OpenTelemetry GenAI client metrics as Prometheus stores them after its OTLP receiver translated
 * them. Applications instrumented with the GenAI semantic conventions push them over OTLP to the
 * collector, which forwards them to Prometheus's OTLP endpoint; the llm pack maps them onto its
 * provider layer, so cost and alerts work without the `nf_llm_*` contract.
 *
 * Sources (read for reference, summarised in our own words):
 * - Metrics, attributes, units and advised buckets: open-telemetry/semantic-conventions
 *   `model/gen-ai/metrics.yaml`, `model/gen-ai/registry.yaml` and `docs/gen-ai/gen-ai-metrics.md`
 *   @ v1.36.0 (`gen_ai.system`); @ v1.37.0 `gen_ai.system` became `gen_ai.provider.name`, so both are read.
 * - Translation: Prometheus v3.5.0 (the deployed image) converts OTLP in
 *   `storage/remote/otlptranslator/prometheusremotewrite/` with prometheus/otlptranslator
 *   @ 2573485683d5 (its go.mod pin). The default `otlp.translation_strategy` is
 *   `UnderscoreEscapingWithSuffixes` (`config/config.go`): `.` becomes `_` in metric and label names
 *   (`metric_namer.go`, `normalize_label.go`); unit `s` appends `_seconds`, a unit in braces such as
 *   `{token}` appends nothing (`buildUnitSuffixes`); an explicit-bucket histogram becomes
 *   `_bucket{le}`, `_sum` and `_count` (`helper.go`); `service.name` becomes `job` and
 *   `service.instance.id` `instance`; other resource attributes become labels only when listed in
 *   `otlp.promote_resource_attributes`.
 */
export const GENAI_METRIC = {
  /** `gen_ai.client.token.usage`, histogram, unit `{token}`: its `_sum` counts tokens. */
  tokenUsage: "gen_ai_client_token_usage",
  /** `gen_ai.client.operation.duration`, histogram, unit `s`: its `_count` counts operations. */
  operationDuration: "gen_ai_client_operation_duration_seconds",
} as const;

/** Label names of the translated series (attribute names with `.` turned into `_`). */
export const GENAI_LABEL = {
  /** `gen_ai.token.type`: `input` or `output` (v1.36.0 also lists a deprecated member `completion` whose value is `output`). */
  tokenType: "gen_ai_token_type",
  /** `gen_ai.system` (required up to v1.36.0). */
  system: "gen_ai_system",
  /** `gen_ai.provider.name` (required from v1.37.0, replacing `gen_ai.system`). */
  providerName: "gen_ai_provider_name",
  /** `gen_ai.request.model`: the model the application asked for, as the pricing keys it. */
  requestModel: "gen_ai_request_model",
  /** `error.type`: set only when the operation ended in an error. */
  errorType: "error_type",
  /** Resource attribute `k8s.namespace.name`, promoted to a label by the Prometheus configuration. */
  namespace: "k8s_namespace_name",
} as const;

/** Resource attributes Prometheus promotes to labels (`otlp.promote_resource_attributes`). */
export const GENAI_PROMOTED_RESOURCE_ATTRIBUTES = ["k8s.namespace.name"] as const;

/** `gen_ai.token.type` values → the pack's `kind`. */
export const GENAI_TOKEN_KINDS: Readonly<Record<string, "prompt" | "completion">> = { input: "prompt", output: "completion" };

/**
 * `gen_ai.system` / `gen_ai.provider.name` values that name a provider `pricing/llm.yaml` keys
 * differently; any other value is the provider key as it is (`openai`, `anthropic`).
 */
export const GENAI_PROVIDER_ALIASES: Readonly<Record<string, readonly string[]>> = {
  google: ["gcp.gemini", "gcp.vertex_ai", "gcp.gen_ai", "gemini", "vertex_ai"],
  mistral: ["mistral_ai"],
};

/** Boundaries the conventions advise (v1.36.0 `gen-ai-metrics.md`); instrumentations may choose others. */
export const GENAI_ADVISED_BUCKETS = {
  tokenUsage: [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864],
  operationDuration: [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92],
} as const;

const GENAI_LABELS = ["job", "instance", GENAI_LABEL.namespace, GENAI_LABEL.system, GENAI_LABEL.providerName, GENAI_LABEL.requestModel, "gen_ai_operation_name"];

export const genAiMetrics: readonly MetricEntry[] = [
  {
    name: GENAI_METRIC.tokenUsage,
    type: "histogram",
    unit: "tokens",
    labels: [...GENAI_LABELS, GENAI_LABEL.tokenType, "le"],
    producer: "inference services",
    input: GENAI_INPUT,
    description: "OTel GenAI `gen_ai.client.token.usage` pushed over OTLP: tokens per operation by `gen_ai_token_type` (`input`, `output`); its `_sum` counts tokens.",
  },
  {
    name: GENAI_METRIC.operationDuration,
    type: "histogram",
    unit: "seconds",
    labels: [...GENAI_LABELS, GENAI_LABEL.errorType, "le"],
    producer: "inference services",
    input: GENAI_INPUT,
    description: "OTel GenAI `gen_ai.client.operation.duration` pushed over OTLP: duration of each call; `error_type` is set on failed calls.",
  },
];
