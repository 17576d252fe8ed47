import type { HistogramSliKind } from "../catalog/slo-metrics.js";
import { environmentSchema } from "../config/environment-schema.js";
import { ConfigError, type ConfigProblem } from "../config/errors.js";
import { validateAgainst } from "../config/validate.js";
import type { YamlFile } from "../config/yaml-file.js";
import { SLO_SOURCES, type SloSourceName } from "../../rules/core/slo-sources.js";
import { checkSlos } from "../../rules/core/slo-objectives.js";
import { selectorsOf } from "./promql-selectors.js";
import { ANNOTATION, ENTRY_KEYS, tidy, type SloEntry } from "./nfops-slo.js";
import { openSloDocumentsSchema } from "./schema.js";
import { recognise, type RecognisedSeries } from "./source-series.js";

/**
 * `nfops slo import`: OpenSLO v1 SLO and SLI documents (ratio and threshold metrics over
 * Prometheus) into `slos` entries. Every document that says something a `slos` entry cannot —
 * timeslices, calendar windows, another metric source, a ratio of gauges, a query over series that
 * are none of an SLO source's — is an error naming the file, line, JSON Pointer and value; nothing is
 * returned unless every document reads.
 */

interface Doc {
  apiVersion: string;
  kind: "SLO" | "SLI";
  metadata: { name: string; displayName?: string; annotations?: Record<string, string> };
  spec: Record<string, unknown>;
}

interface MetricSide {
  metricSource: { metricSourceRef?: string; type?: string; spec: Record<string, unknown> };
}

interface SliSpec {
  thresholdMetric?: MetricSide;
  ratioMetric?: { counter?: boolean; good?: MetricSide; bad?: MetricSide; total?: MetricSide; rawType?: string; raw?: MetricSide };
}

interface Objective {
  op?: string;
  value?: number;
  target?: number;
  targetPercent?: number;
}

/** One SLO document, read: which entry and indicator it is, and where each value came from. */
interface Reading {
  readonly group: string;
  readonly groupAt: string;
  readonly sli: "availability" | HistogramSliKind;
  readonly source: SloSourceName;
  readonly selector: RecognisedSeries["selector"];
  readonly percent: number;
  readonly targetAt: string;
  readonly thresholdMs?: number;
  readonly thresholdAt?: string;
  readonly window: string;
  readonly windowAt: string;
  readonly minRequestsPerSecond?: number;
  readonly at: string;
}

/** The window a document without `timeWindow` gets, written out so that export → import keeps it. */
const DEFAULT_WINDOW = environmentSchema.properties.slos.items.properties.window.default;

/** OpenSLO durations nfops can keep: a rolling window in minutes, hours, days or weeks (no calendar units). */
const WINDOW_UNITS = /^[1-9][0-9]*[mhdw]$/;

export function importOpenSlo(yaml: YamlFile): SloEntry[] {
  const located = (path: string, message: string, value?: unknown): ConfigProblem => {
    const where = yaml.locate(path);
    return { file: yaml.file, path, message, ...(value !== undefined ? { value } : {}), ...(where ?? {}) };
  };
  const schemaProblems = validateAgainst(openSloDocumentsSchema, yaml);
  if (schemaProblems.length > 0) throw new ConfigError(schemaProblems);

  const docs = yaml.data as Doc[];
  const slis = new Map(docs.flatMap((doc, index) => (doc.kind === "SLI" ? [[doc.metadata.name, { spec: doc.spec as SliSpec, at: `/${index}/spec` }] as const] : [])));
  const problems: ConfigProblem[] = [];
  const readings = docs.flatMap((doc, index) => {
    if (doc.kind !== "SLO") return [];
    const reading = readSlo(doc, `/${index}`, slis, (path, message, value) => problems.push(located(path, message, value)));
    return reading ? [reading] : [];
  });
  if (problems.length === 0 && readings.length === 0) problems.push(located("/", "holds no SLO document: nothing to import"));
  if (problems.length > 0) throw new ConfigError(problems);

  const { entries, origins } = group(readings, (path, message, value) => problems.push(located(path, message, value)));
  if (problems.length > 0) throw new ConfigError(problems);
  // What the stacks file would reject, reported where the documents say it.
  const check = { file: yaml.file, data: { slos: structuredClone(entries) }, locate: () => undefined };
  const schemaOfEntries = validateAgainst(environmentSchema, check);
  const settingsProblems = schemaOfEntries.length > 0 ? schemaOfEntries : checkSlos(check.data as never);
  if (settingsProblems.length > 0) {
    throw new ConfigError(settingsProblems.map((p) => located(originOf(p.path, origins), `${p.message} (as ${p.path.replace(/^\/slos\/\d+/, "slos entry")})`, p.value)));
  }
  return entries;
}

type Report = (path: string, message: string, value?: unknown) => void;

function readSlo(doc: Doc, at: string, slis: ReadonlyMap<string, { spec: SliSpec; at: string }>, report: Report): Reading | undefined {
  const spec = doc.spec as { service: string; indicator?: { spec: SliSpec }; indicatorRef?: string; timeWindow?: Array<{ duration: string; isRolling?: boolean; calendar?: object }>; budgetingMethod: string; objectives: Objective[] };
  const before = { count: 0 };
  const note: Report = (path, message, value) => {
    before.count++;
    report(path, message, value);
  };
  if (spec.budgetingMethod !== "Occurrences") {
    note(`${at}/spec/budgetingMethod`, "cannot be expressed: nfops SLOs count good and bad events over the window (Occurrences), not time slices", spec.budgetingMethod);
  }
  const window = spec.timeWindow?.[0];
  if (window && (window.calendar !== undefined || window.isRolling === false)) {
    note(`${at}/spec/timeWindow/0`, "cannot be expressed: nfops error budgets are over a rolling window (isRolling: true)", window);
  } else if (window && !WINDOW_UNITS.test(window.duration)) {
    note(`${at}/spec/timeWindow/0/duration`, "cannot be expressed: give the rolling window in days or weeks (M, Q and Y are calendar lengths)", window.duration);
  }
  if (spec.objectives.length > 1) note(`${at}/spec/objectives/1`, "cannot be expressed: one objective per SLO document (a slos entry has one target per indicator)", spec.objectives[1]);
  const objective = spec.objectives[0] ?? {};
  const percent = objective.targetPercent ?? (objective.target !== undefined ? objective.target * 100 : undefined);
  if (objective.target !== undefined && objective.targetPercent !== undefined) note(`${at}/spec/objectives/0`, "gives both target and targetPercent; give one", objective);
  else if (percent === undefined) note(`${at}/spec/objectives/0`, "needs target or targetPercent", objective);

  let indicator: { spec: SliSpec; at: string } | undefined;
  if (spec.indicator) indicator = { spec: spec.indicator.spec, at: `${at}/spec/indicator/spec` };
  else if (spec.indicatorRef !== undefined) {
    indicator = slis.get(spec.indicatorRef);
    if (!indicator) note(`${at}/spec/indicatorRef`, "names no SLI document of this file", spec.indicatorRef);
  } else note(`${at}/spec`, "needs indicator or indicatorRef");
  const series = indicator ? readIndicator(indicator.spec, indicator.at, objective, `${at}/spec/objectives/0`, note) : undefined;
  if (before.count > 0 || !series || percent === undefined) return undefined;

  const annotations = doc.metadata.annotations ?? {};
  const minRps = annotations[ANNOTATION.minRequestsPerSecond];
  if (minRps !== undefined && !Number.isFinite(Number(minRps))) {
    note(`${at}/metadata/annotations/${ANNOTATION.minRequestsPerSecond.replace(/\//g, "~1")}`, "must be a number of requests per second", minRps);
    return undefined;
  }
  const groupName = annotations[ANNOTATION.slo];
  return {
    group: groupName ?? spec.service,
    groupAt: groupName !== undefined ? `${at}/metadata/annotations/${ANNOTATION.slo.replace(/\//g, "~1")}` : `${at}/spec/service`,
    ...series,
    percent: tidy(percent),
    targetAt: `${at}/spec/objectives/0`,
    window: window?.duration ?? DEFAULT_WINDOW,
    windowAt: `${at}/spec/timeWindow/0/duration`,
    ...(minRps !== undefined ? { minRequestsPerSecond: Number(minRps) } : {}),
    at,
  };
}

type IndicatorReading = Pick<Reading, "sli" | "source" | "selector" | "thresholdMs" | "thresholdAt">;

/** The series of one side of a ratio (or of a threshold metric), or nothing after reporting why. */
function sideSeries(side: MetricSide, at: string, report: Report): RecognisedSeries[] | undefined {
  const { metricSource } = side;
  if (metricSource.type !== "Prometheus") {
    const why = metricSource.type === undefined ? `gives no type${metricSource.metricSourceRef ? ` (only metricSourceRef ${JSON.stringify(metricSource.metricSourceRef)})` : ""}` : `is ${JSON.stringify(metricSource.type)}`;
    report(`${at}/metricSource${metricSource.type === undefined ? "" : "/type"}`, `unsupported metric source: it ${why}; nfops reads Prometheus queries (type: Prometheus, spec.query)`, metricSource.type);
    return undefined;
  }
  const query = metricSource.spec.query;
  const queryAt = `${at}/metricSource/spec/query`;
  if (typeof query !== "string") {
    report(`${at}/metricSource/spec`, "needs query: the PromQL of the series", metricSource.spec);
    return undefined;
  }
  const parsed = selectorsOf(query);
  if ("error" in parsed) {
    report(queryAt, parsed.error, query);
    return undefined;
  }
  const series: RecognisedSeries[] = [];
  for (const selector of parsed.selectors) {
    const known = recognise(selector);
    if ("error" in known) {
      report(queryAt, known.error, query);
      return undefined;
    }
    series.push(known);
  }
  return series;
}

function describe(series: readonly RecognisedSeries[]): string {
  return series.map((s) => `${s.source} ${"sli" in s.role ? `${s.role.sli} ${s.role.kind}` : s.role.kind}`).join(" + ");
}

function readIndicator(sli: SliSpec, at: string, objective: Objective, objectiveAt: string, report: Report): IndicatorReading | undefined {
  if (sli.thresholdMetric) return readThreshold(sli.thresholdMetric, `${at}/thresholdMetric`, objective, objectiveAt, report);
  const ratio = sli.ratioMetric;
  if (!ratio) {
    report(at, "needs ratioMetric or thresholdMetric");
    return undefined;
  }
  const ratioAt = `${at}/ratioMetric`;
  if (ratio.raw !== undefined || ratio.rawType !== undefined) {
    report(`${ratioAt}/${ratio.raw !== undefined ? "raw" : "rawType"}`, "bad ratio: a precomputed ratio cannot be expressed; give good or bad, and total, as counters", ratio.rawType ?? "raw");
    return undefined;
  }
  if (ratio.counter !== true) {
    report(`${ratioAt}${ratio.counter === undefined ? "" : "/counter"}`, "bad ratio: nfops counts events from counters and histograms; set counter: true (a ratio of gauges cannot be expressed)", ratio.counter);
    return undefined;
  }
  if ((ratio.good === undefined) === (ratio.bad === undefined) || ratio.total === undefined) {
    const why = ratio.total === undefined ? "has no total" : ratio.good ? "gives both good and bad" : "gives neither good nor bad";
    report(ratioAt, `bad ratio: it ${why}; give good or bad, and total`);
    return undefined;
  }
  const numeratorKey = ratio.good ? "good" : "bad";
  const numerator = sideSeries((ratio.good ?? ratio.bad)!, `${ratioAt}/${numeratorKey}`, report);
  const total = sideSeries(ratio.total, `${ratioAt}/total`, report);
  if (!numerator || !total) return undefined;
  const sources = new Set([...numerator, ...total].map((s) => s.source));
  const scopes = new Set([...numerator, ...total].map((s) => JSON.stringify(s.selector)));
  if (sources.size > 1 || scopes.size > 1) {
    report(ratioAt, `bad ratio: its queries read different sources or label values (${describe([...numerator, ...total])}); one slos entry reads one source through one selector`);
    return undefined;
  }
  const first = numerator[0]!;
  const source = SLO_SOURCES[first.source];
  if (numeratorKey === "bad") {
    const expectedTotal = source.requestsIncludeFailures ? ["requests"] : ["requests", "failures"];
    const kinds = (list: readonly RecognisedSeries[]) => list.map((s) => s.role.kind).sort().join(" + ");
    if (kinds(numerator) !== "failures" || kinds(total) !== [...expectedTotal].sort().join(" + ")) {
      report(ratioAt, `bad ratio: bad/total reads ${describe(numerator)} over ${describe(total)}; an availability objective of ${first.source} is failures over ${expectedTotal.join(" + ")}`);
      return undefined;
    }
    return { sli: "availability", source: first.source, selector: first.selector };
  }
  const good = numerator.length === 1 && first.role.kind === "bucket" ? first : undefined;
  const count = total.length === 1 && total[0]!.role.kind === "count" ? total[0] : undefined;
  if (!good || !count || !("sli" in good.role) || !("sli" in count.role) || good.role.sli !== count.role.sli || good.le === undefined) {
    report(ratioAt, `bad ratio: good/total reads ${describe(numerator)} over ${describe(total)}; a latency-like objective is one histogram's bucket at the threshold over its count`);
    return undefined;
  }
  return { sli: good.role.sli, source: good.source, selector: good.selector, thresholdMs: tidy(good.le * good.role.histogram.millisecondsPerUnit), thresholdAt: `${ratioAt}/good/metricSource/spec/query` };
}

/** A threshold metric over a histogram: each observation is an event, good when at most `value` (in the histogram's unit). */
function readThreshold(metric: MetricSide, at: string, objective: Objective, objectiveAt: string, report: Report): IndicatorReading | undefined {
  const series = sideSeries(metric, at, report);
  if (!series) return undefined;
  const only = series.length === 1 ? series[0] : undefined;
  if (!only || only.role.kind !== "histogram") {
    report(`${at}/metricSource/spec/query`, `reads ${describe(series)}; a threshold metric nfops can express is one histogram by its name (each observation compared with the objective's value)`, metric.metricSource.spec.query);
    return undefined;
  }
  if (objective.op !== "lte") {
    report(`${objectiveAt}/op`, 'cannot be expressed: histogram buckets count observations at or under a bound, so the objective is op: lte', objective.op);
    return undefined;
  }
  if (objective.value === undefined) {
    report(objectiveAt, "needs value: the threshold, in the histogram's unit");
    return undefined;
  }
  return { sli: only.role.sli, source: only.source, selector: only.selector, thresholdMs: tidy(objective.value * only.role.histogram.millisecondsPerUnit), thresholdAt: `${objectiveAt}/value` };
}

/** Where each value of each entry came from, for errors the settings checks find in them. */
type Origins = Array<Record<string, string>>;

function group(readings: readonly Reading[], report: Report): { entries: SloEntry[]; origins: Origins } {
  const byName = new Map<string, { entry: SloEntry; origin: Record<string, string>; first: Reading }>();
  for (const reading of readings) {
    const known = byName.get(reading.group);
    if (known) {
      const { entry, first } = known;
      if (first.source !== reading.source || JSON.stringify(first.selector) !== JSON.stringify(reading.selector)) {
        report(reading.at, `belongs to SLO ${JSON.stringify(reading.group)} (like ${first.at}) but reads ${reading.source} ${JSON.stringify(reading.selector)}, not ${first.source} ${JSON.stringify(first.selector)}`);
        continue;
      }
      if (entry[reading.sli] !== undefined) {
        report(reading.at, `is a second ${reading.sli} objective of SLO ${JSON.stringify(reading.group)} (the first: ${known.origin[reading.sli]})`);
        continue;
      }
      for (const [key, value, at] of [["window", reading.window, reading.windowAt], ["minRequestsPerSecond", reading.minRequestsPerSecond, reading.at]] as const) {
        if (value !== entry[key]) report(at, `gives SLO ${JSON.stringify(reading.group)} ${key} ${JSON.stringify(value)}, but ${first.at} gives ${JSON.stringify(entry[key])}; one entry has one`);
      }
    }
    const slot = known ?? {
      entry: {
        name: reading.group,
        source: reading.source,
        ...(Object.keys(reading.selector).length > 0 ? { selector: reading.selector } : {}),
        window: reading.window,
        ...(reading.minRequestsPerSecond !== undefined ? { minRequestsPerSecond: reading.minRequestsPerSecond } : {}),
      },
      origin: { name: reading.groupAt, source: reading.at, selector: reading.at, window: reading.windowAt, minRequestsPerSecond: reading.at },
      first: reading,
    };
    if (reading.sli === "availability") slot.entry.availability = reading.percent;
    else slot.entry[reading.sli] = { thresholdMs: reading.thresholdMs!, target: reading.percent };
    slot.origin[reading.sli] = reading.targetAt;
    slot.origin[`${reading.sli}/target`] = reading.targetAt;
    if (reading.thresholdAt) slot.origin[`${reading.sli}/thresholdMs`] = reading.thresholdAt;
    byName.set(reading.group, slot);
  }
  const entries: SloEntry[] = [];
  const origins: Origins = [];
  for (const { entry, origin, first } of byName.values()) {
    if (entry.availability === undefined) {
      report(first.at, `SLO ${JSON.stringify(entry.name)} has no availability objective (a ratio of failures over requests); every slos entry has one, so give it its own SLO document`);
      continue;
    }
    entries.push(ordered(entry));
    origins.push(origin);
  }
  return { entries, origins };
}

/** The entry's keys in the order stacks files write them. */
function ordered(entry: SloEntry): SloEntry {
  return Object.fromEntries(ENTRY_KEYS.flatMap((key) => (entry[key] !== undefined ? [[key, entry[key]]] : []))) as unknown as SloEntry;
}

/** `/slos/2/ttft/thresholdMs` → the document value it came from. */
function originOf(path: string, origins: Origins): string {
  const [, , index = "", ...rest] = path.split("/");
  const origin = origins[Number(index)];
  if (!origin) return "/";
  for (let depth = rest.length; depth > 0; depth--) {
    const key = rest.slice(0, depth).join("/");
    if (origin[key] !== undefined) return origin[key]!;
  }
  return origin.name ?? "/";
}
