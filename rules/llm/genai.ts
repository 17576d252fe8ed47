import { GENAI_LABEL as L, GENAI_METRIC, GENAI_PROVIDER_ALIASES, GENAI_TOKEN_KINDS } from "../../src/catalog/otel-genai-metrics.js";

/** A PromQL regex matching exactly one of `values` (label_replace anchors it). */
function anyOf(values: readonly string[]): string {
  return values.map((v) => v.replace(/[.\\^$|?*+()[\]{}]/g, (c) => `\\\\${c}`)).join("|");
}

/**
 * Labels a vector of translated GenAI series the way the provider layer labels the `nf_llm_*`
 * contract: `namespace` from the promoted `k8s.namespace.name`, `provider` from
 * `gen_ai.provider.name` or else `gen_ai.system` (aliases mapped onto the pricing keys), `model`
 * from `gen_ai.request.model` and, with `withKind`, `kind` from `gen_ai.token.type`.
 * label_replace leaves a series unchanged where its regex does not match, which is how the
 * fallbacks work: an empty `gen_ai_provider_name` does not match `(.+)`.
 */
export function asProviderSeries(vector: string, withKind = false): string {
  const steps: [target: string, replacement: string, source: string, regex: string][] = [
    ["namespace", "$1", L.namespace, "(.+)"],
    ["provider", "$1", L.system, "(.+)"],
    ["provider", "$1", L.providerName, "(.+)"],
    ...Object.entries(GENAI_PROVIDER_ALIASES).map(([provider, aliases]): [string, string, string, string] => ["provider", provider, "provider", anyOf(aliases)]),
    ["model", "$1", L.requestModel, "(.+)"],
    ...(withKind ? Object.entries(GENAI_TOKEN_KINDS).map(([type, kind]): [string, string, string, string] => ["kind", kind, L.tokenType, anyOf([type])]) : []),
  ];
  return steps.reduce((inner, [target, replacement, source, regex]) => `label_replace(${inner}, "${target}", "${replacement}", "${source}", "${regex}")`, vector);
}

/** The token usage histogram's `_sum` (tokens) of the token types the pack prices, `input` and `output`. */
export function genAiTokensSelector(): string {
  return `${GENAI_METRIC.tokenUsage}_sum{${L.tokenType}=~"${Object.keys(GENAI_TOKEN_KINDS).join("|")}"}`;
}
