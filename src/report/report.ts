import { compareCodePoints } from "../config/code-point-order.js";
import type { PrometheusClient, VectorSample } from "./prometheus-client.js";
import {
  CORE_GROUPING,
  LLM_GROUPING,
  SLO_GROUPING,
  coreQueries,
  llmQueries,
  sloQueries,
  type ReportQuery,
  type SectionQueries,
} from "./queries.js";

/**
 * The report as data, for both renderers. A figure is `null` where its metric has no series for that
 * row: unknown, which is not the same as zero.
 */
export interface Report {
  /** Base URL of the Prometheus that was asked. */
  readonly prometheus: string;
  /** The instant every query was evaluated at (ISO 8601, UTC). */
  readonly time: string;
  /** Length of the window of the core and LLM sections, ending at `time`. */
  readonly days: number;
  readonly core: Section<CoreRow, CoreFigures>;
  readonly llm: Section<LlmRow, LlmFigures>;
  readonly slo: Section<SloRow, undefined>;
}

/**
 * A section either has rows, and lists the metrics that found nothing (their cells are `null`), or
 * has none at all: its pack is not enabled or nothing was recorded in the window.
 */
export type Section<Row, Total> =
  | { readonly status: "ok"; readonly rows: readonly Row[]; readonly total: Total; readonly missingMetrics: readonly string[] }
  | { readonly status: "no data"; readonly missingMetrics: readonly string[] };

type Figure = number | null;

export interface CoreFigures {
  readonly costUsd: Figure;
  readonly co2Kg: Figure;
  readonly gpuHours: Figure;
}

/** `gpuModel` is empty for CPU and DRAM energy (Kepler), which no GPU model carries. */
export interface CoreRow extends CoreFigures {
  readonly namespace: string;
  readonly gpuModel: string;
}

export interface LlmFigures {
  readonly calls: Figure;
  readonly promptTokens: Figure;
  readonly completionTokens: Figure;
  readonly costUsd: Figure;
  readonly averageInferenceSeconds: Figure;
  /** Successful calls / all calls, 0 to 1. */
  readonly successRatio: Figure;
}

export interface LlmRow extends LlmFigures {
  readonly provider: string;
  readonly model: string;
}

export interface SloFigures {
  /** Objective as a ratio of good events (0.995). */
  readonly objective: Figure;
  /** Share of the error budget left: 1 untouched, 0 spent, negative overspent. */
  readonly budgetRemaining: Figure;
}

export interface SloRow extends SloFigures {
  readonly slo: string;
  readonly sli: string;
}

export interface ReportOptions {
  readonly days: number;
  /** The instant to report at; every query is evaluated there. */
  readonly time: Date;
}

/** Asks Prometheus every query of every section at once and assembles the report. */
export async function buildReport(client: PrometheusClient, { days, time }: ReportOptions): Promise<Report> {
  const sections = { core: coreQueries(days), llm: llmQueries(days), slo: sloQueries() };
  const queries = [sections.core, sections.llm, sections.slo].flatMap((section) => Object.values<ReportQuery>(section));
  const answers = await client.instantQueries(queries.map((query) => query.expr), time);
  const vectors = new Map(queries.map((query, index) => [query, answers[index] ?? []]));
  const resultsOf = <K extends string>(section: SectionQueries<K>) =>
    Object.fromEntries(Object.entries<ReportQuery>(section).map(([figure, query]) => [figure, vectors.get(query) ?? []])) as Record<K, VectorSample[]>;

  return {
    prometheus: client.baseUrl,
    time: time.toISOString(),
    days,
    core: coreSection(sections.core, resultsOf(sections.core)),
    llm: llmSection(sections.llm, resultsOf(sections.llm)),
    slo: sloSection(sections.slo, resultsOf(sections.slo)),
  };
}

function coreSection(queries: ReturnType<typeof coreQueries>, results: Record<keyof CoreFigures, VectorSample[]>): Section<CoreRow, CoreFigures> {
  const groups = groupFigures<keyof CoreFigures>(CORE_GROUPING, [
    ...contributions(results.costUsd, (v) => ({ costUsd: v })),
    ...contributions(results.co2Kg, (v) => ({ co2Kg: v })),
    ...contributions(results.gpuHours, (v) => ({ gpuHours: v })),
  ]);
  const figures = (f: Partial<Record<keyof CoreFigures, number>>): CoreFigures => ({ costUsd: f.costUsd ?? null, co2Kg: f.co2Kg ?? null, gpuHours: f.gpuHours ?? null });
  const rows = groups.map(({ keys: [namespace = "", gpuModel = ""], figures: f }) => ({ namespace, gpuModel, ...figures(f) }));
  return section(queries, results, sortByCost(rows, (row) => [row.namespace, row.gpuModel]), figures(sumFigures(groups)));
}

type LlmCounts = "calls" | "successfulCalls" | "promptTokens" | "completionTokens" | "durationSeconds" | "durationCount" | "costUsd";

function llmSection(queries: ReturnType<typeof llmQueries>, results: Record<keyof ReturnType<typeof llmQueries>, VectorSample[]>): Section<LlmRow, LlmFigures> {
  // Where a row has a counter at all, the statuses and kinds it lacks count zero.
  const groups = groupFigures<LlmCounts>(LLM_GROUPING, [
    ...contributions(results.requests, (v, labels) => ({ calls: v, successfulCalls: labels.status === "success" ? v : 0 })),
    ...contributions(results.tokens, (v, labels) => ({ promptTokens: labels.kind === "prompt" ? v : 0, completionTokens: labels.kind === "completion" ? v : 0 })),
    ...contributions(results.durationSeconds, (v) => ({ durationSeconds: v })),
    ...contributions(results.durationCount, (v) => ({ durationCount: v })),
    ...contributions(results.costUsd, (v) => ({ costUsd: v })),
  ]);
  // Averages and ratios from the summed counts, so the total's are right too (not a mean of means).
  const figures = (f: Partial<Record<LlmCounts, number>>): LlmFigures => ({
    calls: f.calls ?? null,
    promptTokens: f.promptTokens ?? null,
    completionTokens: f.completionTokens ?? null,
    costUsd: f.costUsd ?? null,
    averageInferenceSeconds: ratio(f.durationSeconds, f.durationCount),
    successRatio: ratio(f.successfulCalls, f.calls),
  });
  const rows = groups.map(({ keys: [provider = "", model = ""], figures: f }) => ({ provider, model, ...figures(f) }));
  return section(queries, results, sortByCost(rows, (row) => [row.provider, row.model]), figures(sumFigures(groups)));
}

function sloSection(queries: ReturnType<typeof sloQueries>, results: Record<keyof ReturnType<typeof sloQueries>, VectorSample[]>): Section<SloRow, undefined> {
  const groups = groupFigures<"budgetRemaining" | "objective">(SLO_GROUPING, [
    ...contributions(results.budgetRemaining, (v) => ({ budgetRemaining: v })),
    ...contributions(results.objective, (v) => ({ objective: v })),
  ]);
  const rows = groups.map(({ keys: [slo = "", sli = ""], figures: f }) => ({ slo, sli, objective: f.objective ?? null, budgetRemaining: f.budgetRemaining ?? null }));
  // Most spent budget first: that is what a reader of the report has to act on.
  const sorted = rows.sort((a, b) => compareNullsLast(a.budgetRemaining, b.budgetRemaining) || compareKeys([a.slo, a.sli], [b.slo, b.sli]));
  return section(queries, results, sorted, undefined);
}

/** What one series adds to the figures of its row. */
interface Contribution<F extends string> {
  readonly labels: Readonly<Record<string, string>>;
  readonly figures: Partial<Record<F, number>>;
}

function contributions<F extends string>(samples: readonly VectorSample[], figures: (value: number, labels: Readonly<Record<string, string>>) => Partial<Record<F, number>>): Array<Contribution<F>> {
  return samples.map((sample) => ({ labels: sample.labels, figures: figures(sample.value, sample.labels) }));
}

interface Group<F extends string> {
  /** Values of the grouping labels, in the grouping's order. */
  readonly keys: readonly string[];
  readonly figures: Partial<Record<F, number>>;
}

/** Adds the contributions up per value of the grouping labels; a figure no series contributed to stays absent. */
function groupFigures<F extends string>(grouping: readonly string[], all: ReadonlyArray<Contribution<F>>): Array<Group<F>> {
  const groups = new Map<string, Group<F>>();
  for (const { labels, figures } of all) {
    const keys = grouping.map((label) => labels[label] ?? "");
    const id = JSON.stringify(keys);
    const group = groups.get(id) ?? { keys, figures: {} };
    groups.set(id, { keys, figures: addFigures(group.figures, figures) });
  }
  return [...groups.values()];
}

function sumFigures<F extends string>(groups: ReadonlyArray<Group<F>>): Partial<Record<F, number>> {
  return groups.reduce<Partial<Record<F, number>>>((total, group) => addFigures(total, group.figures), {});
}

function addFigures<F extends string>(a: Partial<Record<F, number>>, b: Partial<Record<F, number>>): Partial<Record<F, number>> {
  const sum = { ...a };
  for (const [figure, value] of Object.entries(b) as Array<[F, number]>) sum[figure] = (sum[figure] ?? 0) + value;
  return sum;
}

function ratio(part: number | undefined, whole: number | undefined): Figure {
  return part === undefined || whole === undefined || whole === 0 ? null : part / whole;
}

/** Rows by cost, highest first (unknown cost last), then by name, so that the output is deterministic. */
function sortByCost<Row extends { readonly costUsd: Figure }>(rows: Row[], names: (row: Row) => readonly string[]): Row[] {
  const negated = (cost: Figure) => (cost === null ? null : -cost);
  return rows.sort((a, b) => compareNullsLast(negated(a.costUsd), negated(b.costUsd)) || compareKeys(names(a), names(b)));
}

/** Ascending, with unknown figures last. */
function compareNullsLast(a: Figure, b: Figure): number {
  if (a === null || b === null) return (a === null ? 1 : 0) - (b === null ? 1 : 0);
  return a - b;
}

function compareKeys(a: readonly string[], b: readonly string[]): number {
  return a.reduce((order, key, index) => order || compareCodePoints(key, b[index] ?? ""), 0);
}

/** Every query found nothing: "no data", naming the metrics; else the rows, naming the metrics that found nothing. */
function section<K extends string, Row, Total>(queries: SectionQueries<K>, results: Record<K, VectorSample[]>, rows: Row[], total: Total): Section<Row, Total> {
  const missingMetrics = (Object.keys(queries) as K[]).filter((figure) => results[figure].length === 0).map((figure) => queries[figure].metric);
  if (rows.length === 0) return { status: "no data", missingMetrics };
  return { status: "ok", rows, total, missingMetrics };
}
