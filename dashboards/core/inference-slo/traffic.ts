import { METRIC } from "../../../rules/core/catalog.js";
import { prometheusQuery, rateOf, series, timeseries, UNIT, type DashboardRow } from "../../common.js";
import { requestRate } from "../inference-queries.js";
import { PER_SERVICE, PER_SERVICE_LEGEND, SELECTED } from "./selection.js";

/** Load and failures per service. */
export function trafficRow(): DashboardRow {
  return {
    title: "Traffic",
    panels: [
      timeseries({
        title: "Requests per second",
        description: `Requests served per second, per service (\`${METRIC.inferRequests}\`).`,
        unit: UNIT.requestsPerSecond,
        targets: [prometheusQuery(requestRate(SELECTED, PER_SERVICE), PER_SERVICE_LEGEND)],
        min: 0,
        width: 12,
        height: 8,
      }),
      timeseries({
        title: "Failed requests per second",
        description: `Failed requests per second, per service (\`${METRIC.inferErrors}\`; the series appears with the first failure).`,
        unit: UNIT.requestsPerSecond,
        targets: [prometheusQuery(`sum by (${PER_SERVICE.join(", ")}) (${rateOf(series(METRIC.inferErrors, ...SELECTED))})`, PER_SERVICE_LEGEND)],
        min: 0,
        width: 12,
        height: 8,
      }),
    ],
  };
}
