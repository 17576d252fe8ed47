import { formatDuration } from "../config/duration.js";
import { LLM_USAGE_METRIC as LLM_METRIC } from "../catalog/llm-usage-metrics.js";
import { GPU_HOURS_1H_METRIC, SEMANTIC_METRIC } from "../catalog/semantic-metrics.js";
import { SLO_METRIC } from "../catalog/slo-metrics.js";
import { hourlyRollupTotal } from "../promql/windows.js";

/** One instant query of the report and the series it reads, named when it finds nothing. */
export interface ReportQuery {
  readonly metric: string;
  readonly expr: string;
}

/** The queries of one section, by the figure each gives. */
export type SectionQueries<K extends string> = Readonly<Record<K, ReportQuery>>;

export const CORE_GROUPING = ["namespace", "gpu_model"] as const;
export const LLM_GROUPING = ["provider", "model"] as const;
export const SLO_GROUPING = ["slo", "sli"] as const;

const by = (labels: readonly string[]) => `by (${labels.join(", ")})`;

/** Sum of an hourly roll-up over the days, as the weekly budget alerts sum a week. */
function rollupTotal(metric: string, grouping: readonly string[], days: number): ReportQuery {
  return { metric, expr: `sum ${by(grouping)} (${hourlyRollupTotal(metric, days)})` };
}

/** How much a counter grew over the days, summed per grouping. */
function counterIncrease(metric: string, grouping: readonly string[], days: number): ReportQuery {
  return { metric, expr: `sum ${by(grouping)} (increase(${metric}[${formatDuration(days * 86_400)}]))` };
}

export type CoreFigure = "costUsd" | "co2Kg" | "gpuHours";

/** Core pack: cost, emissions and GPU-hours per namespace and GPU model (the hourly roll-ups). */
export function coreQueries(days: number): SectionQueries<CoreFigure> {
  return {
    costUsd: rollupTotal(SEMANTIC_METRIC.costUsd, CORE_GROUPING, days),
    co2Kg: rollupTotal(SEMANTIC_METRIC.co2Kg, CORE_GROUPING, days),
    gpuHours: rollupTotal(GPU_HOURS_1H_METRIC, CORE_GROUPING, days),
  };
}

export type LlmFigure = "requests" | "tokens" | "durationSeconds" | "durationCount" | "costUsd";

/**
 * LLM pack: calls by status (success rate), tokens by kind, the duration histogram's sum and count
 * (an average that stays right when rows are added up into a total) and the hourly cost roll-up.
 */
export function llmQueries(days: number): SectionQueries<LlmFigure> {
  return {
    requests: counterIncrease(LLM_METRIC.requests, [...LLM_GROUPING, "status"], days),
    tokens: counterIncrease(LLM_METRIC.tokens, [...LLM_GROUPING, "kind"], days),
    durationSeconds: counterIncrease(`${LLM_METRIC.requestDuration}_sum`, LLM_GROUPING, days),
    durationCount: counterIncrease(`${LLM_METRIC.requestDuration}_count`, LLM_GROUPING, days),
    costUsd: rollupTotal(LLM_METRIC.costUsd, LLM_GROUPING, days),
  };
}

export type SloFigure = "budgetRemaining" | "objective";

/**
 * SLOs: the error budget left over each SLO's own window, now (not over the report's days). Should a
 * series be recorded twice (two Prometheus replicas), the smaller remainder is the honest one.
 */
export function sloQueries(): SectionQueries<SloFigure> {
  return {
    budgetRemaining: { metric: SLO_METRIC.budgetRemaining, expr: `min ${by(SLO_GROUPING)} (${SLO_METRIC.budgetRemaining})` },
    objective: { metric: SLO_METRIC.objective, expr: `max ${by(SLO_GROUPING)} (${SLO_METRIC.objective})` },
  };
}
