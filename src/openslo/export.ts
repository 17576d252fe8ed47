import { stringify } from "yaml";
import { HISTOGRAM_SLI_KINDS, SLI_TITLE, type HistogramSliKind } from "../catalog/slo-metrics.js";
import type { EnvironmentSettings } from "../config/environment-schema.js";
import { formatNumber, leMatcher } from "../promql/expressions.js";
import { resolvedSlos, type Objective, type ResolvedSlo } from "../../rules/core/slo-objectives.js";
import { SLO_SOURCES, sourceSelector } from "../../rules/core/slo-sources.js";
import { ANNOTATION, DOCUMENT_SUFFIX, tidy } from "./nfops-slo.js";

/**
 * `nfops slo export`: the SLOs of `slos` as OpenSLO v1, one SLO document per indicator with its SLI
 * inline — a ratio of Prometheus counters (failures over requests, or a histogram's bucket at the
 * threshold over its count), an Occurrences budget over the rolling window — and the entry it came
 * from in an annotation, so that `nfops slo import` gives the same `slos` back. The default SLO
 * (the `slo` settings) is not a `slos` entry and is left out.
 */
export function exportOpenSlo(settings: EnvironmentSettings): string {
  const declared = new Map(settings.slos.map((entry) => [entry.name, entry]));
  const documents = resolvedSlos(settings)
    .filter((slo) => declared.has(slo.name))
    .flatMap((slo) => slo.objectives.map((objective) => sloDocument(slo, objective, declared.get(slo.name)?.minRequestsPerSecond)));
  return documents.map((doc) => stringify(doc, { lineWidth: 0 })).join("---\n");
}

function prometheus(query: string) {
  return { metricSource: { type: "Prometheus", spec: { query } } };
}

function sloDocument(slo: ResolvedSlo, objective: Objective, minRequestsPerSecond: number | undefined) {
  const name = `${slo.name}-${DOCUMENT_SUFFIX[objective.sli]}`;
  const { ratio, description } = indicator(slo, objective);
  return {
    apiVersion: "openslo/v1",
    kind: "SLO",
    metadata: {
      name,
      displayName: `${slo.name} ${SLI_TITLE[objective.sli]}`,
      annotations: {
        [ANNOTATION.slo]: slo.name,
        ...(minRequestsPerSecond !== undefined ? { [ANNOTATION.minRequestsPerSecond]: formatNumber(minRequestsPerSecond) } : {}),
      },
    },
    spec: {
      description,
      service: slo.selector.service ?? slo.name,
      indicator: { metadata: { name }, spec: { ratioMetric: { counter: true, ...ratio } } },
      timeWindow: [{ duration: slo.window, isRolling: true }],
      budgetingMethod: "Occurrences",
      objectives: [{ displayName: SLI_TITLE[objective.sli], target: tidy(objective.target) }],
    },
  };
}

function indicator(slo: ResolvedSlo, objective: Objective) {
  const source = SLO_SOURCES[slo.source];
  const series = (name: string, matcher?: string) => `sum(${name}${sourceSelector(slo.source, slo.selector, matcher)})`;
  if (objective.sli === "availability") {
    const failures = series(source.failures.name, source.failures.matcher);
    const requests = series(source.requests.name, source.requests.matcher);
    return {
      ratio: { bad: prometheus(failures), total: prometheus(source.requestsIncludeFailures ? requests : `${requests} + ${failures}`) },
      description: `${formatNumber(objective.target * 100)} % of requests succeed (${slo.source}; failures: ${source.failures.name}${source.failures.matcher ? `{${source.failures.matcher}}` : ""}).`,
    };
  }
  const sli: HistogramSliKind = objective.sli;
  const histogram = source.histograms[sli];
  if (!histogram || objective.threshold === undefined || !HISTOGRAM_SLI_KINDS.includes(sli)) throw new Error(`SLO ${slo.name}: ${source.displayName} has no ${sli} histogram`);
  return {
    ratio: { good: prometheus(series(`${histogram.histogram}_bucket`, leMatcher(objective.threshold))), total: prometheus(series(`${histogram.histogram}_count`)) },
    description: `${formatNumber(objective.target * 100)} % of ${histogram.events} within ${formatNumber(objective.thresholdMs ?? 0)} ms (${histogram.histogram}).`,
  };
}
