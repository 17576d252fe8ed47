import { compareCodePoints } from "../config/code-point-order.js";
import { SERVING_SERVERS, type ServedCounter, type ServedGauge, type ServedHistogram, type ServingServer } from "./serving-servers.js";
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
  }
  return [...entries.values()].sort((a, b) => compareCodePoints(a.name, b.name));
}

/** The label a gauge's matcher selects on (`request_type`), which rules therefore rely on. */
function matcherLabels(metric: ServedGauge | undefined): string[] {
  const label = metric?.matcher?.match(/^([a-zA-Z_][a-zA-Z0-9_]*)/)?.[1];
  return label ? [label] : [];
}

/** The label that says how a request ended (`finished_reason`, `err`, `reason`). */
function outcomeLabels(server: ServingServer): string[] {
  return [server.outcome.label];
}
