import { BURN_RATE_WINDOWS } from "../../../rules/core/catalog.js";
import { declaredIndicators } from "../../../rules/core/slo-objectives.js";
import type { EnvironmentSettings } from "../../../src/config/environment-schema.js";
import { SLI_BURN_ALERT, SLI_KINDS, SLI_TITLE, sloErrorRatioMetric, SLO_METRIC, type SliKind } from "../../../src/catalog/slo-metrics.js";
import { prometheusQuery, series, timeseries, UNIT, upperLimit, type DashboardRow } from "../../common.js";
import { SELECTED } from "./selection.js";

/** Sustainable burn rate: the budget lasts exactly the SLO's window. */
const SUSTAINABLE_BURN_RATE = 1;

/** Bad / all events over a window divided by the error budget (1 − objective) of the same SLO and indicator. */
function burnRate(window: string, sli: SliKind): string {
  const matchers = [SELECTED, `sli="${sli}"`];
  return `${series(sloErrorRatioMetric(window), ...matchers)}\n/ on (slo, sli)\n(1 - ${series(SLO_METRIC.objective, ...matchers)})`;
}

/** How fast each indicator spends its budget, per window of the burn-rate alerts: one panel per indicator the SLOs declare. */
export function burnRateRow(settings: EnvironmentSettings): DashboardRow {
  const declared = declaredIndicators(settings);
  return {
    title: "Burn rate",
    panels: SLI_KINDS.filter((sli) => declared.has(sli)).map((sli) =>
      timeseries({
        title: `Burn rate by window: ${SLI_TITLE[sli]}`,
        description: `Bad / all events over each window divided by the error budget. Above 1 the budget runs out before the window ends; ${SLI_BURN_ALERT[sli]} pairs a long and a short window at 14.4 and 6 (critical), 3 and 1 (warning).`,
        unit: UNIT.burnRate,
        targets: BURN_RATE_WINDOWS.map((window) => prometheusQuery(burnRate(window, sli), `{{slo}} ${window}`)),
        thresholds: upperLimit(SUSTAINABLE_BURN_RATE),
        min: 0,
        width: 12,
        height: 8,
      }),
    ),
  };
}
