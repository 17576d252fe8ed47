import { describe, expect, it } from "vitest";
import { GENAI_LABEL, GENAI_METRIC } from "../../src/catalog/otel-genai-metrics.js";

/**
 * The translation Prometheus v3.5.0 applies by default (`UnderscoreEscapingWithSuffixes`, with
 * prometheus/otlptranslator @ 2573485683d5), reduced to what the GenAI metrics need: every
 * character outside [a-zA-Z0-9_:] becomes `_` (metric names) or outside [a-zA-Z0-9_] (labels), and
 * a unit without braces appends its Prometheus word (`s` → `seconds`); `{token}` appends nothing.
 */
const UNIT_WORDS: Record<string, string> = { s: "seconds", ms: "milliseconds", By: "bytes" };
function translatedMetricName(name: string, unit: string): string {
  const base = name.replace(/[^a-zA-Z0-9_:]/g, "_");
  const word = /[{}]/.test(unit) ? "" : (UNIT_WORDS[unit] ?? unit);
  return word === "" || base.split("_").includes(word) ? base : `${base}_${word}`;
}
function translatedLabel(attribute: string): string {
  return attribute.replace(/[^a-zA-Z0-9_]/g, "_");
}

describe("OTel GenAI names after Prometheus's OTLP translation", () => {
  it("GIVEN the semantic-convention metrics with their units WHEN translated THEN they are the names the llm pack reads", () => {
    // open-telemetry/semantic-conventions v1.36.0 model/gen-ai/metrics.yaml
    expect(translatedMetricName("gen_ai.client.token.usage", "{token}")).toBe(GENAI_METRIC.tokenUsage);
    expect(translatedMetricName("gen_ai.client.operation.duration", "s")).toBe(GENAI_METRIC.operationDuration);
  });

  it("GIVEN the attributes the pack groups by WHEN translated THEN they are the label names it reads", () => {
    expect({
      tokenType: translatedLabel("gen_ai.token.type"),
      system: translatedLabel("gen_ai.system"),
      providerName: translatedLabel("gen_ai.provider.name"),
      requestModel: translatedLabel("gen_ai.request.model"),
      errorType: translatedLabel("error.type"),
      namespace: translatedLabel("k8s.namespace.name"),
    }).toEqual(GENAI_LABEL);
  });
});
