import { HISTOGRAM_SLI_KINDS, type HistogramSliKind } from "../catalog/slo-metrics.js";
import { SLO_SOURCES, type CounterOf, type SloSource, type SloSourceName, type SourceHistogram } from "../../rules/core/slo-sources.js";
import { selectorsOf, type Matcher, type Selector } from "./promql-selectors.js";

/**
 * What a Prometheus selector of an OpenSLO query is, in the terms of the SLO sources
 * (rules/core/slo-sources.ts): a source's request or failure counter, or the `_count` or `_bucket`
 * series of one of its indicator histograms, with the selector's namespace, service and model.
 */
export type SeriesRole =
  | { readonly kind: "requests" | "failures" }
  | { readonly kind: "count" | "bucket" | "histogram"; readonly sli: HistogramSliKind; readonly histogram: SourceHistogram };

export interface RecognisedSeries {
  readonly source: SloSourceName;
  readonly role: SeriesRole;
  readonly selector: { namespace?: string; service?: string; model?: string };
  /** The `le` bound of a `_bucket` selector, in the histogram's unit. */
  readonly le?: number;
}

/** The source's own matchers of a counter (`finished_reason="error"`), parsed. */
function ownMatchers(counter: CounterOf): Matcher[] {
  if (!counter.matcher) return [];
  const parsed = selectorsOf(`x{${counter.matcher}}`);
  if ("error" in parsed) throw new Error(`catalog matcher ${counter.matcher}: ${parsed.error}`);
  return [...(parsed.selectors[0]?.matchers ?? [])];
}

function sameMatchers(a: readonly Matcher[], b: readonly Matcher[]): boolean {
  const key = (m: Matcher) => `${m.label}${m.op}${m.value}`;
  return a.length === b.length && a.map(key).sort().join() === b.map(key).sort().join();
}

/**
 * An `le` matcher's bound: `le="0.5"`, or the regular expression the rules write
 * (`le=~"0\\.5"`, `le=~"250(\\.0)?"`) for Prometheus 2 and 3 alike.
 */
function bound(matcher: Matcher): number | undefined {
  const text = matcher.op === "=" ? matcher.value : matcher.op === "=~" ? matcher.value.replace(/\(\\\.0\)\?$/, "").replace(/\\\./g, ".") : "";
  // +Inf (every observation) and anything but a plain number name no threshold.
  const value = /^[0-9.eE+-]+$/.test(text) ? Number(text) : Number.NaN;
  return Number.isFinite(value) ? value : undefined;
}

/** The series a metric name can be, for every source. */
function rolesOf(metric: string): Array<{ source: SloSourceName; role: SeriesRole; counter?: CounterOf }> {
  const found: Array<{ source: SloSourceName; role: SeriesRole; counter?: CounterOf }> = [];
  for (const [name, source] of Object.entries(SLO_SOURCES) as Array<[SloSourceName, SloSource]>) {
    if (source.requests.name === metric) found.push({ source: name, role: { kind: "requests" }, counter: source.requests });
    if (source.failures.name === metric) found.push({ source: name, role: { kind: "failures" }, counter: source.failures });
    for (const sli of HISTOGRAM_SLI_KINDS) {
      const histogram = source.histograms[sli];
      if (!histogram) continue;
      for (const base of [histogram.histogram, ...(histogram.formerName ? [histogram.formerName] : [])]) {
        if (metric === `${base}_count`) found.push({ source: name, role: { kind: "count", sli, histogram } });
        if (metric === `${base}_bucket`) found.push({ source: name, role: { kind: "bucket", sli, histogram } });
        if (metric === base) found.push({ source: name, role: { kind: "histogram", sli, histogram } });
      }
    }
  }
  return found;
}

/** Which series a selector picks, or why a `slos` entry cannot say it. */
export function recognise(selector: Selector): RecognisedSeries | { error: string } {
  const candidates = rolesOf(selector.metric);
  if (candidates.length === 0) {
    return { error: `reads ${selector.metric}, which is none of the series nfops SLOs count (the nf_infer contract, vLLM, TGI, Triton: requests, failures and the latency, time-to-first-token and inter-token histograms)` };
  }
  let lastError = "";
  for (const { source, role, counter } of candidates) {
    const { modelLabel } = SLO_SOURCES[source];
    const scope: { namespace?: string; service?: string; model?: string } = {};
    const rest: Matcher[] = [];
    let le: number | undefined;
    let problem: string | undefined;
    for (const m of selector.matchers) {
      const key = m.label === "namespace" || m.label === "service" ? m.label : m.label === modelLabel ? "model" : undefined;
      if (key && m.op === "=") scope[key] = m.value;
      else if (key) problem = `matches ${m.label}${m.op}"${m.value}": a slos selector takes exact label values only`;
      else if (m.label === "le" && role.kind === "bucket") {
        le = bound(m);
        if (le === undefined) problem = `matches le${m.op}"${m.value}", which names no single bucket bound`;
      } else rest.push(m);
    }
    const own = counter ? ownMatchers(counter) : [];
    if (!problem && !sameMatchers(rest, own)) {
      const have = rest.map((m) => `${m.label}${m.op}"${m.value}"`).join(", ") || "no other matcher";
      const want = own.map((m) => `${m.label}${m.op}"${m.value}"`).join(", ") || "none";
      problem = `${selector.metric} with ${have}: as ${role.kind} of ${source} it takes ${want} besides namespace, service${modelLabel ? ` and ${modelLabel}` : ""}`;
    }
    if (!problem && role.kind === "bucket" && le === undefined) problem = `${selector.metric} without an le matcher counts every bucket`;
    if (!problem) return { source, role, selector: scope, ...(le !== undefined ? { le } : {}) };
    lastError = problem;
  }
  return { error: lastError };
}
