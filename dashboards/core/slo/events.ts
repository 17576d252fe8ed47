import { sloBadEventRateMetric, sloEventRateMetric } from "../../../src/catalog/slo-metrics.js";
import { prometheusQuery, series, timeseries, UNIT, type DashboardRow } from "../../common.js";
import { SELECTED } from "./selection.js";

const WINDOW = "5m";

/** Good and bad events per second, per indicator: when the trouble started and how much traffic it hit. */
export function eventsRow(): DashboardRow {
  const all = series(sloEventRateMetric(WINDOW), SELECTED);
  const bad = series(sloBadEventRateMetric(WINDOW), SELECTED);
  return {
    title: "Good and bad events",
    panels: [
      timeseries({
        title: "Good events",
        description: "Requests per second that met the indicator over 5 minutes: succeeded (availability), or finished within the threshold (latency).",
        unit: UNIT.requestsPerSecond,
        targets: [prometheusQuery(`${all} - ${bad}`, "{{slo}} {{sli}}")],
        min: 0,
        width: 12,
        height: 8,
      }),
      timeseries({
        title: "Bad events",
        description: "Requests per second that spent budget over 5 minutes: failed (availability), or slower than the threshold (latency).",
        unit: UNIT.requestsPerSecond,
        targets: [prometheusQuery(bad, "{{slo}} {{sli}}")],
        min: 0,
        width: 12,
        height: 8,
      }),
    ],
  };
}
