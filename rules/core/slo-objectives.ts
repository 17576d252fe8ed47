import { matchBound, nearestBoundsText } from "../../src/catalog/histogram-bounds.js";
import { HISTOGRAM_SLI_KINDS, SLI_BURN_ALERT, type HistogramSliKind, type SliKind } from "../../src/catalog/slo-metrics.js";
import { environmentSchema, type EnvironmentSettings } from "../../src/config/environment-schema.js";
import type { SettingsProblem } from "../../src/config/load-environments.js";
import { formatNumber } from "../../src/promql/expressions.js";
import { SLO_SOURCES, sourcesWith, type SloSourceName } from "./slo-sources.js";

/**
 * The SLOs of an environment as the rules use them: `slos`, each with its defaults resolved, and
 * the default SLO over `nf_infer_*` that the `slo` settings describe.
 */

/** An SLO's defaults as the schema gives them: ajv fills them into `slos`, and the default SLO takes them too. */
const SLO_SCHEMA = environmentSchema.properties.slos.items.properties;
const DEFAULT_WINDOW = SLO_SCHEMA.window.default;
const DEFAULT_TARGET_PERCENT = SLO_SCHEMA.latency.properties.target.default;

/** Name of the default SLO (the `slo` settings); an SLO of `slos` may not take it. */
export const DEFAULT_SLO_NAME = "inference";

/**
 * Burn-rate tiers of the SRE workbook (chapter 5, "multiwindow, multi-burn-rate alerts"): a long
 * window that proves the budget is really burning and a short one that proves it still is.
 * 14.4x for 1h spends 2 % of a 30-day budget; 6x for 6h 5 %; 3x for 1d and 1x for 3d 10 %.
 */
export const BURN_RATES = [
  { severity: "critical", factor: 14.4, long: "1h", short: "5m" },
  { severity: "critical", factor: 6, long: "6h", short: "30m" },
  { severity: "warning", factor: 3, long: "1d", short: "2h" },
  { severity: "warning", factor: 1, long: "3d", short: "6h" },
] as const;

/** One indicator of an SLO: which events are bad, and what share of all events may be. */
export interface Objective {
  readonly sli: SliKind;
  /** Share of events that must be good (0.995). */
  readonly target: number;
  /** Threshold in the source histogram's own unit (its `le` bound); histogram indicators only. */
  readonly threshold?: number;
  /** The same bound in milliseconds, for people. */
  readonly thresholdMs?: number;
}

export interface ResolvedSlo {
  readonly name: string;
  readonly source: SloSourceName;
  readonly selector: Readonly<{ namespace?: string; service?: string; model?: string }>;
  readonly objectives: readonly Objective[];
  readonly window: string;
  readonly minRequestsPerSecond: number;
  /** The default SLO keeps its own per-service alerts (`Inference*`); the others get the `SLO*` alerts. */
  readonly alerts: boolean;
}

/** The default SLO (from `slo`) first, then `slos` in file order. */
export function resolvedSlos(settings: EnvironmentSettings): ResolvedSlo[] {
  const { slo } = settings;
  const defaultSlo: ResolvedSlo = {
    name: DEFAULT_SLO_NAME,
    source: "nf_infer",
    selector: {},
    objectives: [
      { sli: "availability", target: 1 - slo.errorRatio },
      { sli: "latency", target: 0.95, threshold: slo.latencyP95Ms, thresholdMs: slo.latencyP95Ms },
    ],
    window: DEFAULT_WINDOW,
    minRequestsPerSecond: slo.minRequestsPerSecond,
    alerts: false,
  };
  return [
    defaultSlo,
    ...settings.slos.map((declared): ResolvedSlo => ({
      name: declared.name,
      source: declared.source,
      selector: declared.selector,
      objectives: [{ sli: "availability", target: declared.availability / 100 }, ...HISTOGRAM_SLI_KINDS.flatMap((sli) => histogramObjectives(declared, sli))],
      window: declared.window,
      minRequestsPerSecond: declared.minRequestsPerSecond ?? slo.minRequestsPerSecond,
      alerts: true,
    })),
  ];
}

type DeclaredSlo = EnvironmentSettings["slos"][number];

/** The objective of one histogram indicator, at the bound its threshold names (checkSlos rejects the others). */
function histogramObjectives(declared: DeclaredSlo, sli: HistogramSliKind): Objective[] {
  const wanted = declared[sli];
  const histogram = SLO_SOURCES[declared.source].histograms[sli];
  if (!wanted || !histogram) return [];
  const match = matchBound(histogram, wanted.thresholdMs);
  if (!match.found) return [];
  return [{ sli, target: (wanted.target ?? DEFAULT_TARGET_PERCENT) / 100, threshold: match.bound, thresholdMs: match.boundMs }];
}

/** The indicators some SLO of the environment measures (the default SLO's availability and latency always). */
export function declaredIndicators(settings: EnvironmentSettings): ReadonlySet<SliKind> {
  return new Set(resolvedSlos(settings).flatMap((slo) => slo.objectives.map((objective) => objective.sli)));
}

/** Error budget of an objective: the share of events that may be bad. */
export function errorBudget(objective: Objective): number {
  return Number((1 - objective.target).toPrecision(12));
}

export const FASTEST_BURN = Math.max(...BURN_RATES.map((b) => b.factor));
/** The lowest objective, to two decimals, whose budget the fastest tier can still exceed: 93.06 %. */
const LOWEST_USABLE_PERCENT = Math.ceil((100 - 100 / FASTEST_BURN) * 100) / 100;

/**
 * What the rules cannot express: a burn tier that can never fire (its threshold is a ratio of 1 or
 * more), a histogram indicator the source has no histogram for or whose threshold falls between two
 * of its buckets, a model selector on a source without a model label, two SLOs of one name.
 */
export function checkSlos(settings: EnvironmentSettings): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  // The default SLO's threshold is a latency objective like any other: between buckets its `le` series does not exist.
  const defaultLatency = SLO_SOURCES.nf_infer.histograms.latency;
  const defaultMatch = defaultLatency && matchBound(defaultLatency, settings.slo.latencyP95Ms);
  if (defaultLatency && defaultMatch && !defaultMatch.found) {
    problems.push({
      path: "/slo/latencyP95Ms",
      message: `is not a bucket bound of ${defaultLatency.histogram} (no series would have that \`le\` and InferenceLatencyHigh could never fire); ${nearestBoundsText(defaultMatch, formatNumber)}`,
      value: settings.slo.latencyP95Ms,
    });
  }
  const seen = new Set<string>([DEFAULT_SLO_NAME]);
  settings.slos.forEach((declared, index) => {
    const at = `/slos/${index}`;
    const source = SLO_SOURCES[declared.source];
    if (seen.has(declared.name)) {
      const why = declared.name === DEFAULT_SLO_NAME ? "is the default SLO's name (the `slo` settings)" : "is the name of an SLO above";
      problems.push({ path: `${at}/name`, message: `${why}; SLO names must be unique`, value: declared.name });
    }
    seen.add(declared.name);
    problems.push(...unreachableBurn(`${at}/availability`, declared.availability, SLI_BURN_ALERT.availability));
    if (declared.selector.model !== undefined && source.modelLabel === undefined) {
      problems.push({ path: `${at}/selector/model`, message: `cannot be matched: ${source.displayName} serves one model per server and has no model label; select its service instead`, value: declared.selector.model });
    }
    for (const sli of HISTOGRAM_SLI_KINDS) problems.push(...histogramProblems(declared, sli, `${at}/${sli}`));
  });
  return problems;
}

/** What an SLO's histogram indicator cannot be: on a source without the histogram, unreachable, or between two bounds. */
function histogramProblems(declared: DeclaredSlo, sli: HistogramSliKind, at: string): SettingsProblem[] {
  const wanted = declared[sli];
  if (!wanted) return [];
  const source = SLO_SOURCES[declared.source];
  const histogram = source.histograms[sli];
  if (!histogram) {
    const because = source.noHistogramBecause?.[sli];
    return [{ path: at, message: `cannot be measured: ${source.displayName} exports no ${HISTOGRAM_WHAT[sli]} histogram${because ? ` (${because})` : ""}; sources that do: ${sourcesWith(sli)}`, value: wanted }];
  }
  const problems = unreachableBurn(`${at}/target`, wanted.target ?? DEFAULT_TARGET_PERCENT, SLI_BURN_ALERT[sli]);
  const match = matchBound(histogram, wanted.thresholdMs);
  if (!match.found) {
    problems.push({
      path: `${at}/thresholdMs`,
      message: `is not a bucket bound of ${histogram.histogram} (the share of ${histogram.events} under it could only be interpolated); ${nearestBoundsText(match, formatNumber)}`,
      value: wanted.thresholdMs,
    });
  }
  return problems;
}

/** Each histogram indicator in a sentence: "exports no … histogram". */
const HISTOGRAM_WHAT: Readonly<Record<HistogramSliKind, string>> = {
  latency: "request-latency",
  ttft: "time-to-first-token",
  interTokenLatency: "inter-token-latency",
};

/**
 * A threshold within the tolerance of a computed bound (TGI's 1.5ⁿ) is taken as that bound: say
 * which, so that nobody wonders why the alert text shows another number than the file.
 */
export function sloThresholdNotices(settings: EnvironmentSettings): string[] {
  return settings.slos.flatMap((declared, index) =>
    HISTOGRAM_SLI_KINDS.flatMap((sli) => {
      const wanted = declared[sli];
      const histogram = SLO_SOURCES[declared.source].histograms[sli];
      if (!wanted || !histogram) return [];
      const match = matchBound(histogram, wanted.thresholdMs);
      if (!match.found || match.exact) return [];
      return [
        `slos[${index}] (${declared.name}): ${sli}.thresholdMs ${formatNumber(wanted.thresholdMs)} is taken as ${formatNumber(match.boundMs)} ms, the bucket bound of ${histogram.histogram} within ${formatNumber(histogram.tolerance * 100)} % of it (le="${String(match.bound)}"); write ${formatNumber(match.boundMs)} to silence this note.`,
      ];
    }),
  );
}

/** A `percent` objective whose budget times the fastest burn factor reaches 100 % can never page. */
function unreachableBurn(path: string, percent: number, alert: string): SettingsProblem[] {
  const budgetPercent = 100 - percent;
  if (FASTEST_BURN * budgetPercent < 100) return [];
  return [
    {
      path,
      message: `leaves a ${formatNumber(budgetPercent)} % error budget: ${FASTEST_BURN} × it is ${formatNumber(FASTEST_BURN * budgetPercent)} % of requests, more than can ever fail, so the fastest ${alert} tier could never fire (lowest usable objective: ${LOWEST_USABLE_PERCENT} %)`,
      value: percent,
    },
  ];
}
