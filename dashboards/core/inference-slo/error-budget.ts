import type { Environment } from "../../../src/config/environment-schema.js";
import { BURN_RATE_WINDOWS, errorRatioMetric } from "../../../rules/core/catalog.js";
import { formatNumber } from "../../../src/promql/expressions.js";
import { prometheusQuery, series, timeseries, UNIT, upperLimit, type DashboardRow } from "../../common.js";
import { errorRatio } from "../inference-queries.js";
import { PER_SERVICE, PER_SERVICE_LEGEND, SELECTED } from "./selection.js";

/** Sustainable burn rate: the budget lasts exactly the objective's period. */
const SUSTAINABLE_BURN_RATE = 1;

/** How fast the error budget is being spent, per burn-rate window, and the error ratio behind it. */
export function errorBudgetRow(environment: Environment): DashboardRow {
  const { slo } = environment.settings;
  return {
    title: "Error budget and burn rate",
    panels: [
      timeseries({
        title: "Burn rate by window (worst service)",
        description: `Error ratio over each window of the burn-rate alerts divided by the error budget (${formatNumber(slo.errorRatio * 100)} %). Above 1 the budget runs out before the objective's period ends; the InferenceErrorBudgetBurn alerts pair a long and a short window at 14.4, 6, 3 and 1.`,
        unit: UNIT.burnRate,
        targets: BURN_RATE_WINDOWS.map((window) =>
          prometheusQuery(`max(${series(errorRatioMetric(window), ...SELECTED)}) / ${formatNumber(slo.errorRatio)}`, window),
        ),
        thresholds: upperLimit(SUSTAINABLE_BURN_RATE),
        min: 0,
        width: 12,
        height: 8,
      }),
      timeseries({
        title: "Error ratio by service",
        description: `Failed / all requests per service. The dashed line is the objective (${formatNumber(slo.errorRatio * 100)} %, InferenceErrorRateHigh).`,
        unit: UNIT.ratio,
        targets: [prometheusQuery(errorRatio(SELECTED, PER_SERVICE), PER_SERVICE_LEGEND)],
        thresholds: upperLimit(slo.errorRatio),
        min: 0,
        width: 12,
        height: 8,
      }),
    ],
  };
}
