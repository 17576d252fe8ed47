import { SLO_METRIC } from "../../../src/catalog/slo-metrics.js";
import { lowerLimit, prometheusQuery, series, stat, timeseries, UNIT, type DashboardRow } from "../../common.js";
import { PER_INDICATOR_LEGEND, SELECTED } from "./selection.js";

/** Objectives and the error budget each has left over its window. */
export function budgetRow(): DashboardRow {
  const remaining = series(SLO_METRIC.budgetRemaining, SELECTED);
  return {
    title: "Objective and error budget",
    panels: [
      stat({
        title: "Objective",
        description: "Share of requests that must be good: succeed (availability) or finish within the latency threshold (latency).",
        unit: UNIT.ratio,
        targets: [prometheusQuery(series(SLO_METRIC.objective, SELECTED), PER_INDICATOR_LEGEND, { instant: true })],
        decimals: 2,
        width: 8,
        height: 6,
      }),
      stat({
        title: "Error budget remaining",
        description: "Share of the error budget of each SLO's window (default 28 days) still left: 100 % untouched, 0 spent, negative overspent.",
        unit: UNIT.ratio,
        targets: [prometheusQuery(remaining, PER_INDICATOR_LEGEND, { instant: true })],
        thresholds: lowerLimit(0),
        decimals: 1,
        width: 8,
        height: 6,
      }),
      timeseries({
        title: "Error budget remaining over time",
        description: "A steady slope spends the budget as planned; a cliff is an incident.",
        unit: UNIT.ratio,
        targets: [prometheusQuery(remaining, PER_INDICATOR_LEGEND)],
        thresholds: lowerLimit(0),
        width: 8,
        height: 6,
      }),
    ],
  };
}
