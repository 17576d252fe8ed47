import { SECONDS_PER_UNIT, SERVING_SERVERS, type ServingServer } from "../../src/catalog/serving-servers.js";
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
  /** End-to-end request latency, when the source exports it as a histogram. */
  readonly latency?: { readonly histogram: string; readonly millisecondsPerUnit: number; readonly buckets: readonly number[] };
  /** Why there is no latency histogram (shown when an SLO asks for one). */
  readonly noLatencyBecause?: string;
  /** Counters registered on the first request (TGI): see `ServingServer.lazyRegistration`. */
  readonly lazyRegistration?: ServingServer["lazyRegistration"];
}

function fromServer(server: ServingServer): SloSource {
  if (!server.failures) throw new Error(`${server.displayName}: the SLO sources need a failure counter`);
  return {
    displayName: server.displayName,
    modelLabel: server.modelLabel,
    requests: server.requests,
    requestsIncludeFailures: server.requestsIncludeFailures,
    failures: server.failures,
    ...(server.lazyRegistration ? { lazyRegistration: server.lazyRegistration } : {}),
    ...(server.latency
      ? { latency: { histogram: server.latency.name, millisecondsPerUnit: SECONDS_PER_UNIT[server.latency.unit] * 1000, buckets: server.latency.buckets } }
      : { noLatencyBecause: server.noLatencyBecause }),
  };
}

export const SLO_SOURCES: Readonly<Record<SloSourceName, SloSource>> = {
  nf_infer: {
    displayName: "the nf_infer contract",
    modelLabel: "model",
    requests: { name: M.inferRequests },
    requestsIncludeFailures: true,
    failures: { name: M.inferErrors },
    latency: { histogram: M.inferLatencyMs, millisecondsPerUnit: 1, buckets: NF_INFER_LATENCY_BUCKETS_MS },
  },
  vllm: fromServer(SERVING_SERVERS.vllm),
  tgi: fromServer(SERVING_SERVERS.tgi),
  triton: fromServer(SERVING_SERVERS.triton),
};

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

/** A latency histogram's bucket bounds in milliseconds, to 12 significant digits (what people write). */
export function boundariesMs(latency: NonNullable<SloSource["latency"]>): number[] {
  return latency.buckets.map((bound) => Number((bound * latency.millisecondsPerUnit).toPrecision(12)));
}

/** The bucket bound, exactly as the source writes it, that a threshold in milliseconds names; undefined between bounds. */
export function latencyBoundary(latency: NonNullable<SloSource["latency"]>, thresholdMs: number): number | undefined {
  const index = boundariesMs(latency).indexOf(Number(thresholdMs.toPrecision(12)));
  return index < 0 ? undefined : latency.buckets[index];
}

/**
 * All finished requests per second, given how to rate one counter: servers that count failures
 * apart (Triton, TGI) have them added to the successes, either counting 0 while it has no series
 * yet (a model that never failed; a TGI whose every request failed since its restart).
 */
export function allRequests(source: { readonly requests: CounterOf; readonly requestsIncludeFailures: boolean; readonly failures?: CounterOf }, rate: (counter: CounterOf) => string): string {
  const requests = rate(source.requests);
  if (source.requestsIncludeFailures || !source.failures) return requests;
  const failures = rate(source.failures);
  return `${orZeroLike(requests, failures)}\n+\n${orZeroLike(failures, requests)}`;
}
