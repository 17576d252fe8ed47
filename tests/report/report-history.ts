// Days of history for the report's end-to-end test: the core pack's hourly roll-ups for 2 namespaces
// x 2 GPU models (and Kepler's CPU row), LLM counters for 2 providers x 2 models, and SLO budget
// series, as functions of time, so that the test computes its expectations from the very samples it
// backfills.
import { METRIC } from "../../rules/core/catalog.js";
import { LLM_METRIC } from "../../rules/llm/catalog.js";
import { SLO_METRIC } from "../../src/catalog/slo-metrics.js";

export const HOUR = 3600;
export const DAY = 24 * HOUR;
/** The report's instant in the test: the history runs 9 days before it and 3 hours after it. */
export const END = Date.parse("2025-06-02T00:00:00Z") / 1000;
const HISTORY_START = END - 9 * DAY;
const HISTORY_END = END + 3 * HOUR;
/** The SLO series stop an hour before END, so that a report at END has no SLO data. */
export const SLO_HISTORY_END = END - HOUR;
/** Roll-ups are recorded more often than hourly; only the sample on the hour holds the hour the report sums. */
const ROLLUP_STEP = 20 * 60;
/** What a roll-up holds between hours: a sum that read these would be far off. */
const BETWEEN_HOURS = 1000;

export interface HistorySeries {
  readonly metric: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly step: number;
  readonly until: number;
  /** Value at a unix time (seconds) on the series' steps. */
  value(time: number): number;
}

const hourOf = (time: number) => Math.floor(time / HOUR);

/** An hourly roll-up: `perHour(hour)` on the hour, something else in between. Values are multiples of 1/16: sums are exact. */
function rollup(metric: string, labels: Record<string, string>, perHour: (hour: number) => number): HistorySeries {
  return { metric, labels, step: ROLLUP_STEP, until: HISTORY_END, value: (t) => (t % HOUR === 0 ? perHour(hourOf(t)) : BETWEEN_HOURS) };
}

/** A counter sampled on the hour that grows by `perHour(hour)` in each hour, from a non-zero start. */
function counter(metric: string, labels: Record<string, string>, perHour: (hour: number) => number): HistorySeries {
  return {
    metric,
    labels,
    step: HOUR,
    until: HISTORY_END,
    value(t) {
      let total = 5000;
      for (let hour = hourOf(HISTORY_START); hour < hourOf(t); hour++) total += perHour(hour);
      return total;
    },
  };
}

function gauge(metric: string, labels: Record<string, string>, value: number): HistorySeries {
  return { metric, labels, step: ROLLUP_STEP, until: SLO_HISTORY_END, value: () => value };
}

export const NAMESPACES = ["team-a", "team-b"] as const;
export const GPU_MODELS = ["NVIDIA A100-SXM4-80GB", "NVIDIA H100 80GB HBM3"] as const;
export const LLM_MODELS = [
  { provider: "openai", model: "gpt-4o" },
  { provider: "openai", model: "gpt-4o-mini" },
  { provider: "anthropic", model: "claude-sonnet-4" },
  // No cost series: an unpriced model, whose cost the report must show as unknown, not zero.
  { provider: "anthropic", model: "claude-haiku-3.5" },
] as const;
export const UNPRICED_MODEL = 3;

function coreSeries(): HistorySeries[] {
  const series: HistorySeries[] = [];
  NAMESPACES.forEach((namespace, n) =>
    GPU_MODELS.forEach((gpu_model, g) => {
      const k = 2 * n + g;
      const labels = { namespace, gpu_model, source: "gpu" };
      series.push(
        rollup(METRIC.costUsd, labels, (h) => 0.5 + 0.25 * k + 0.25 * (h % 4)),
        rollup(METRIC.co2Kg, labels, (h) => 0.125 * (k + 1) + 0.0625 * (h % 3)),
        rollup(METRIC.gpuHours1h, { namespace, gpu_model }, (h) => 0.5 * (k + 1) + 0.25 * (h % 2)),
      );
    }),
  );
  // Kepler's CPU energy: cost and CO2 without a GPU model, and no GPU-hours.
  series.push(rollup(METRIC.costUsd, { namespace: "team-a", source: "cpu" }, () => 0.125), rollup(METRIC.co2Kg, { namespace: "team-a", source: "cpu" }, () => 0.0625));
  return series;
}

/** Calls per hour of LLM model `m`, by status; model 0 never fails (it has no error series at all). */
export function llmCallsPerHour(m: number, status: "success" | "error", hour: number): number {
  return status === "success" ? 10 + m + (hour % 5) : m * (hour % 2);
}

function llmSeries(): HistorySeries[] {
  return LLM_MODELS.flatMap(({ provider, model }, m) => {
    const labels = { provider, model };
    const calls = (h: number) => llmCallsPerHour(m, "success", h) + llmCallsPerHour(m, "error", h);
    return [
      counter(LLM_METRIC.requests, { ...labels, status: "success" }, (h) => llmCallsPerHour(m, "success", h)),
      ...(m === 0 ? [] : [counter(LLM_METRIC.requests, { ...labels, status: "error" }, (h) => llmCallsPerHour(m, "error", h))]),
      counter(LLM_METRIC.tokens, { ...labels, kind: "prompt" }, (h) => calls(h) * (500 + 100 * m)),
      counter(LLM_METRIC.tokens, { ...labels, kind: "completion" }, (h) => calls(h) * (50 + 10 * m)),
      counter(`${LLM_METRIC.requestDuration}_sum`, labels, (h) => calls(h) * (0.5 + 0.25 * m)),
      counter(`${LLM_METRIC.requestDuration}_count`, labels, calls),
      ...(m === UNPRICED_MODEL ? [] : [rollup(LLM_METRIC.costUsd, { namespace: "apps", ...labels }, (h) => 0.25 * (m + 1) + 0.125 * (h % 2))]),
    ];
  });
}

export const SLO_BUDGETS = [
  { slo: "checkout", sli: "availability", objective: 0.995, budgetRemaining: 0.75 },
  { slo: "checkout", sli: "latency", objective: 0.99, budgetRemaining: 0.5 },
  { slo: "search", sli: "availability", objective: 0.999, budgetRemaining: -0.25 },
  // The LLM indicators are rows of their own, like any other.
  { slo: "chat", sli: "ttft", objective: 0.99, budgetRemaining: 0.25 },
  { slo: "chat", sli: "interTokenLatency", objective: 0.95, budgetRemaining: 0.875 },
] as const;

function sloSeries(): HistorySeries[] {
  return SLO_BUDGETS.flatMap(({ slo, sli, objective, budgetRemaining }) => [
    gauge(SLO_METRIC.objective, { slo, sli }, objective),
    gauge(SLO_METRIC.budgetRemaining, { slo, sli }, budgetRemaining),
  ]);
}

export const HISTORY: readonly HistorySeries[] = [...coreSeries(), ...llmSeries(), ...sloSeries()];

/** The history as OpenMetrics sample lines, series after series. */
export function* openMetricsLines(series: readonly HistorySeries[] = HISTORY): Generator<string> {
  for (const s of series) {
    const labels = Object.entries(s.labels)
      .map(([name, value]) => `${name}="${value}"`)
      .join(",");
    for (let t = HISTORY_START; t <= s.until; t += s.step) yield `${s.metric}{${labels}} ${s.value(t)} ${t}\n`;
  }
}

/** The series of a metric whose labels include `match`. */
export function seriesOf(metric: string, match: Record<string, string>): HistorySeries[] {
  return HISTORY.filter((s) => s.metric === metric && Object.entries(match).every(([name, value]) => s.labels[name] === value));
}

/** What the report should sum for a roll-up: its on-the-hour samples of the `days` days up to `end`. */
export function rollupTotal(series: readonly HistorySeries[], end: number, days: number): number {
  let total = 0;
  for (const s of series) for (let hour = 0; hour < days * 24; hour++) total += s.value(end - hour * HOUR);
  return total;
}

/** What increase() over the days gives for counters sampled at both ends of the window (Prometheus 2: no extrapolation). */
export function counterIncrease(series: readonly HistorySeries[], end: number, days: number): number {
  return series.reduce((total, s) => total + s.value(end) - s.value(end - days * DAY), 0);
}
