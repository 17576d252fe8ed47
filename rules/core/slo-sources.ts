import type { HistogramBounds } from "../../src/catalog/histogram-bounds.js";
import type { HistogramSliKind } from "../../src/catalog/slo-metrics.js";
import { SECONDS_PER_UNIT, SERVING_SERVERS, type ServedHistogram, type ServingServer } from "../../src/catalog/serving-servers.js";
import { orZeroLike } from "../../src/promql/expressions.js";
import { METRIC as M, NF_INFER_LATENCY_BUCKETS_MS } from "./catalog.js";

/**
 * Where an SLO's events come from: the `nf_infer_*` contract or a serving server's native series,
 * with the labels each one puts the namespace, service and model in.
 */

export type SloSourceName = "nf_infer" | keyof typeof SERVING_SERVERS;

/** A counter, and the matcher that picks the events it counts out of it (`finished_reason="error"`). */
export interface CounterOf {
  readonly name: string;
  readonly matcher?: string;
}

/** A histogram an indicator counts slow events from: all observations minus those in the threshold's bucket. */
export interface SourceHistogram extends HistogramBounds {
  readonly histogram: string;
  /** The same observations under an older name (vLLM 0.8-0.10), read where the current name is absent. */
  readonly formerName?: string;
  /** What one observation is, for people: "requests", "inter-token gaps". */
  readonly events: string;
  /** Set when the server writes the histogram only when asked: what turns it on. */
  readonly enabledBy?: string;
}

export interface SloSource {
  readonly displayName: string;
  /** Label of the model name; undefined when the source serves one model and has none. */
  readonly modelLabel: string | undefined;
  /** Finished requests: all of them, or (Triton) the successful ones only. */
  readonly requests: CounterOf;
  /** False when `requests` leaves the failures out, so that all requests are both added up. */
  readonly requestsIncludeFailures: boolean;
  /** Failed requests (the server's fault, not the client's). */
  readonly failures: CounterOf;
  /** The histograms of the latency-like indicators the source exports. */
  readonly histograms: Readonly<Partial<Record<HistogramSliKind, SourceHistogram>>>;
  /** Why a histogram is missing, where the source says more than "it has none" (shown when an SLO asks for it). */
  readonly noHistogramBecause?: Readonly<Partial<Record<HistogramSliKind, string>>>;
}

function sourceHistogram(histogram: ServedHistogram, events: string): SourceHistogram {
  return {
    histogram: histogram.name,
    ...(histogram.formerName ? { formerName: histogram.formerName } : {}),
    millisecondsPerUnit: SECONDS_PER_UNIT[histogram.unit] * 1000,
    buckets: histogram.buckets,
    tolerance: histogram.thresholdTolerance ?? 0,
    events,
    ...(histogram.enabledBy ? { enabledBy: histogram.enabledBy } : {}),
  };
}

/** One observation per what: vLLM's inter-token histogram per gap, TGI's per request (its mean time per token). */
const INTER_TOKEN_EVENTS: Readonly<Record<string, string>> = { vllm: "inter-token gaps", tgi: "requests' mean times per token" };

function fromServer(server: ServingServer): SloSource {
  if (!server.failures) throw new Error(`${server.displayName}: the SLO sources need a failure counter`);
  const histograms: Partial<Record<HistogramSliKind, SourceHistogram>> = {};
  if (server.latency) histograms.latency = sourceHistogram(server.latency, "requests");
  if (server.timeToFirstToken) histograms.ttft = sourceHistogram(server.timeToFirstToken, "requests");
  if (server.interTokenLatency) histograms.interTokenLatency = sourceHistogram(server.interTokenLatency, INTER_TOKEN_EVENTS[server.name] ?? "inter-token gaps");
  return {
    displayName: server.displayName,
    modelLabel: server.modelLabel,
    requests: server.requests,
    requestsIncludeFailures: server.requestsIncludeFailures,
    failures: server.failures,
    histograms,
    ...(server.noLatencyBecause ? { noHistogramBecause: { latency: server.noLatencyBecause } } : {}),
  };
}

export const SLO_SOURCES: Readonly<Record<SloSourceName, SloSource>> = {
  nf_infer: {
    displayName: "the nf_infer contract",
    modelLabel: "model",
    requests: { name: M.inferRequests },
    requestsIncludeFailures: true,
    failures: { name: M.inferErrors },
    histograms: { latency: { histogram: M.inferLatencyMs, millisecondsPerUnit: 1, buckets: NF_INFER_LATENCY_BUCKETS_MS, tolerance: 0, events: "requests" } },
  },
  vllm: fromServer(SERVING_SERVERS.vllm),
  tgi: fromServer(SERVING_SERVERS.tgi),
  triton: fromServer(SERVING_SERVERS.triton),
};

/** The sources that export an indicator's histogram, by display name and histogram: what an error names. */
export function sourcesWith(sli: HistogramSliKind): string {
  return Object.entries(SLO_SOURCES)
    .flatMap(([name, source]) => {
      const histogram = source.histograms[sli];
      return histogram ? [`${name} (${histogram.histogram}${histogram.enabledBy ? `, off by default: ${histogram.enabledBy}` : ""})`] : [];
    })
    .join(", ");
}

/** Label matchers of an SLO's selector in the source's own label names, plus the counter's own matcher. */
export function sourceSelector(source: SloSourceName, selector: Readonly<{ namespace?: string; service?: string; model?: string }>, matcher?: string): string {
  const { modelLabel } = SLO_SOURCES[source];
  const matchers = [
    ...(selector.namespace !== undefined ? [`namespace="${selector.namespace}"`] : []),
    ...(selector.service !== undefined ? [`service="${selector.service}"`] : []),
    ...(selector.model !== undefined && modelLabel !== undefined ? [`${modelLabel}="${selector.model}"`] : []),
    ...(matcher ? [matcher] : []),
  ];
  return matchers.length > 0 ? `{${matchers.join(",")}}` : "";
}

/**
 * All finished requests per second, given how to rate one counter: servers that count failures
 * apart (Triton) have them added to the successes, a model without a failure series yet counting 0.
 */
export function allRequests(source: { readonly requests: CounterOf; readonly requestsIncludeFailures: boolean; readonly failures?: CounterOf }, rate: (counter: CounterOf) => string): string {
  const requests = rate(source.requests);
  return source.requestsIncludeFailures || !source.failures ? requests : `${requests}\n+\n${orZeroLike(rate(source.failures), requests)}`;
}
