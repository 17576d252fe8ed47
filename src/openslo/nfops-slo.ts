import type { HistogramSliKind } from "../catalog/slo-metrics.js";

/**
 * A `slos` entry as a stacks file spells it, in the key order `nfops slo import` writes and
 * `nfops slo export` reads: what the OpenSLO documents and the stacks files have in common.
 */
export interface SloEntry {
  name: string;
  source: string;
  selector?: { namespace?: string; service?: string; model?: string };
  availability?: number;
  latency?: HistogramObjective;
  ttft?: HistogramObjective;
  interTokenLatency?: HistogramObjective;
  window?: string;
  minRequestsPerSecond?: number;
}

export interface HistogramObjective {
  thresholdMs: number;
  target: number;
}

/** Annotations that carry what OpenSLO has no field for, so that export → import gives the same entry. */
export const ANNOTATION = {
  /** The `slos` entry an SLO document belongs to (one document per indicator). */
  slo: "nfops.io/slo",
  /** The entry's `minRequestsPerSecond`, when it sets one. */
  minRequestsPerSecond: "nfops.io/min-requests-per-second",
} as const;

/** The key order of an entry, so that the YAML written is the same whatever order the documents came in. */
export const ENTRY_KEYS = ["name", "source", "selector", "availability", "latency", "ttft", "interTokenLatency", "window", "minRequestsPerSecond"] as const satisfies readonly (keyof SloEntry)[];

/** An indicator as the suffix of its OpenSLO document's name: `chat-ttft`. */
export const DOCUMENT_SUFFIX: Readonly<Record<"availability" | HistogramSliKind, string>> = {
  availability: "availability",
  latency: "latency",
  ttft: "ttft",
  interTokenLatency: "inter-token-latency",
};

/** 12 significant digits: what people write, and what survives a trip through a ratio and back. */
export function tidy(value: number): number {
  return Number(value.toPrecision(12));
}
