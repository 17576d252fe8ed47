/**
 * Series of the SLOs declared in `slos` (one SLO = one objective over the requests its selector
 * picks). Every series carries `slo` (the SLO's name) and `sli` (one of `SLI_KINDS`).
 * Rules, dashboards and `nfops report` take the names from here.
 */
export const SLO_METRIC = {
  /** The objective as a ratio of good events (0.995 for 99.5 %). */
  objective: "slo:nf_objective:ratio",
  /** Share of the error budget of the SLO's window still left: 1 untouched, 0 spent, negative overspent. */
  budgetRemaining: "slo:nf_error_budget_remaining:ratio",
} as const;

/**
 * Which indicator a series measures: failed requests, or events slower than a threshold of one of
 * the source's histograms (end-to-end latency, time to first token, inter-token latency). The
 * value is also the indicator's key in a `slos` entry.
 */
export const SLI_KINDS = ["availability", "latency", "ttft", "interTokenLatency"] as const;
export type SliKind = (typeof SLI_KINDS)[number];

/** The indicators measured against a bucket bound of a histogram: `{thresholdMs, target}` in `slos`. */
export const HISTOGRAM_SLI_KINDS = ["latency", "ttft", "interTokenLatency"] as const satisfies readonly SliKind[];
export type HistogramSliKind = (typeof HISTOGRAM_SLI_KINDS)[number];

/** Each indicator as people say it, in summaries and panel titles. */
export const SLI_TITLE: Readonly<Record<SliKind, string>> = {
  availability: "availability",
  latency: "latency",
  ttft: "time-to-first-token",
  interTokenLatency: "inter-token latency",
};

/** The burn-rate alert of each indicator: one name per indicator, so each pages and is silenced on its own. */
export const SLI_BURN_ALERT: Readonly<Record<SliKind, string>> = {
  availability: "SLOErrorBudgetBurn",
  latency: "SLOLatencyBudgetBurn",
  ttft: "SLOTimeToFirstTokenBudgetBurn",
  interTokenLatency: "SLOInterTokenLatencyBudgetBurn",
};

/** Bad / all events over one window, e.g. `slo:nf_sli_error:ratio_rate1h`. */
export function sloErrorRatioMetric(window: string): string {
  return `slo:nf_sli_error:ratio_rate${window}`;
}

/** All events per second over one window (the traffic guard), e.g. `slo:nf_sli_events:rate5m`. */
export function sloEventRateMetric(window: string): string {
  return `slo:nf_sli_events:rate${window}`;
}

/** Bad events per second over one window, e.g. `slo:nf_sli_bad_events:rate5m`. */
export function sloBadEventRateMetric(window: string): string {
  return `slo:nf_sli_bad_events:rate${window}`;
}
