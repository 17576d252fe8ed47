import { compareCodePoints } from "../config/code-point-order.js";
import { SERVING_SERVERS, type ServedCounter, type ServedGauge, type ServedHistogram, type ServingServer } from "./serving-servers.js";
import type { InputContract } from "./input-contracts.js";
import type { MetricEntry } from "./types.js";

/** Labels the inference scrape job adds to every series of a serving pod. */
const SCRAPE_LABELS = ["namespace", "service", "pod"];

/**
 * Catalog entries of the serving servers' own series that rules and dashboards read, one per
 * name (vLLM's requests and failures are one counter), from the facts of `serving-servers.ts`.
 */
export function servingServerMetrics(): MetricEntry[] {
  const entries = new Map<string, MetricEntry>();
  for (const server of Object.values(SERVING_SERVERS)) {
    const labels = [...SCRAPE_LABELS, ...server.labels];
    const add = (metric: ServedCounter | ServedGauge | ServedHistogram | undefined, type: MetricEntry["type"], unit: string, extraLabels: readonly string[] = []) => {
      if (!metric || entries.has(metric.name)) return;
      const isHistogram = "buckets" in metric;
      entries.set(metric.name, {
        name: metric.name,
        type: isHistogram ? "histogram" : type,
        unit: isHistogram ? metric.unit : unit,
        labels: [...labels, ...extraLabels, ...(isHistogram ? ["le"] : [])],
        producer: "inference services",
        input: servingInput(server, metric),
        description: `${server.displayName}: ${metric.description}`,
      });
    };
    add(server.requests, "counter", "requests", outcomeLabels(server));
    add(server.failures, "counter", "requests", outcomeLabels(server));
    add(server.latency, "histogram", "");
    add(server.timeToFirstToken, "histogram", "");
    add(server.interTokenLatency, "histogram", "");
    add(server.promptTokens, "counter", "tokens");
    add(server.completionTokens, "counter", "tokens");
    add(server.waitingRequests, "gauge", "requests");
    add(server.runningRequests, "gauge", "requests", matcherLabels(server.runningRequests));
    add(server.kvCacheUsage, "gauge", "ratio", matcherLabels(server.kvCacheUsage));
    if (server.kvCacheUsage?.formerName) add({ ...server.kvCacheUsage, name: server.kvCacheUsage.formerName }, "gauge", "ratio");
    add(server.preemptions, "counter", "requests");
    if (server.latencyTotal) add({ name: server.latencyTotal.name, description: server.latencyTotal.description }, "counter", server.latencyTotal.unit);
    // The HTTP front end's counter has none of the engine's labels (vLLM: no model_name, no engine).
    const http = server.httpRequests?.all;
    if (http && !entries.has(http.name)) {
      entries.set(http.name, {
        name: http.name,
        type: "counter",
        unit: "requests",
        labels: [...SCRAPE_LABELS, "handler", "method", "status"],
        producer: "inference services",
        input: { producer: server.name, registration: "lazy", enabledBy: `${server.displayName}'s API server (always on)`, quirks: [HTTP_INSTRUMENTATOR] },
        description: `${server.displayName}: ${http.description}`,
      });
    }
  }
  return [...entries.values()].sort((a, b) => compareCodePoints(a.name, b.name));
}

/**
 * vLLM creates every family per model and engine when the engine starts, Triton per model when the
 * model loads (histograms only with the flag that turns them on); TGI's `metrics` macros create a
 * series at its first increment, so none exists before the first request.
 */
function servingInput(server: ServingServer, metric: ServedCounter | ServedGauge | ServedHistogram): InputContract {
  const enabledBy = "enabledBy" in metric && metric.enabledBy !== undefined ? metric.enabledBy : `${server.displayName}'s /metrics (always on)`;
  const registration = server.lazyRegistration ? "lazy" : "enabledBy" in metric && metric.enabledBy !== undefined ? "optional" : "eager";
  const quirks = server.name === "tgi" && metric.name === server.requests.name ? [TGI_COUNTED_ONCE] : undefined;
  return { producer: server.name, registration, enabledBy, ...(quirks ? { quirks } : {}) };
}

/**
 * TGI `router/src/server.rs` @ v3.3.7: the OpenAI-compatible handlers and the generate paths they call
 * both increment tgi_request_count (upstream issue 1901), while success and failure are counted once.
 */
const TGI_COUNTED_ONCE =
  "successes only, counted once per request: all requests are this plus tgi_request_failure; tgi_request_count, which no rule reads, is incremented twice for requests through the OpenAI-compatible routes (/v1/chat/completions, /v1/completions)";

/**
 * vLLM `vllm/entrypoints/openai/api_server.py` instruments its FastAPI app with
 * prometheus-fastapi-instrumentator (v7.x `instrumentator.py`, `should_group_status_codes` on by default).
 */
const HTTP_INSTRUMENTATOR =
  "status is the class (2xx, 4xx, 5xx), not the code; a handler/method/status series exists only after its first request; it counts the API server's other handlers (model listing, tokenize) beside the inference ones, and has no model label";

/** The label a gauge's matcher selects on (`request_type`), which rules therefore rely on. */
function matcherLabels(metric: ServedGauge | undefined): string[] {
  const label = metric?.matcher?.match(/^([a-zA-Z_][a-zA-Z0-9_]*)/)?.[1];
  return label ? [label] : [];
}

/** The label that says how a request ended (`finished_reason`, `err`, `reason`). */
function outcomeLabels(server: ServingServer): string[] {
  return [server.outcome.label];
}
