import { GENAI_PROMOTED_RESOURCE_ATTRIBUTES } from "../catalog/otel-genai-metrics.js";
import type { StackPlan } from "../model/stack-model.js";

/**
 * Prometheus as the receiver of the OTLP metrics the collector forwards (Prometheus v3.5.0:
 * `--web.enable-otlp-receiver` in `cmd/prometheus/main.go`, route `/api/v1/otlp/v1/metrics` in
 * `web/api/v1/api.go`, the `otlp:` block in `config/config.go`). Prometheus translates the names
 * itself (`src/catalog/otel-genai-metrics.ts`), so the collector only batches and forwards.
 */
export const PROMETHEUS_OTLP_RECEIVER_FLAG = "--web.enable-otlp-receiver";
export const PROMETHEUS_OTLP_METRICS_PATH = "/api/v1/otlp/v1/metrics";

/** Prometheus receives OTLP wherever the collector is deployed to forward it. */
export function prometheusReceivesOtlp(stack: StackPlan): boolean {
  return stack.isDeployed("collector") && stack.isDeployed("prometheus");
}

/**
 * The `otlp:` block: the default translation (`UnderscoreEscapingWithSuffixes`), plus the
 * namespace resource attribute as a label, which the llm pack groups by like a scraped `namespace`.
 */
export function prometheusOtlpConfig(): Record<string, unknown> {
  return { promote_resource_attributes: [...GENAI_PROMOTED_RESOURCE_ATTRIBUTES] };
}
