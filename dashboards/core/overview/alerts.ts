import { METRIC } from "../../../rules/core/catalog.js";
import { noLimit, prometheusQuery, stat, table, UNIT, type DashboardRow } from "../../common.js";

const FIRING = `${METRIC.alerts}{alertstate="firing"}`;

/** What Prometheus is alerting on right now. */
export function alertsRow(): DashboardRow {
  return {
    title: "Firing alerts",
    panels: [
      stat({
        title: "Firing alerts by severity",
        description: "Alerts firing now, counted per severity. Routing and silences are Alertmanager's; this counts what Prometheus evaluates.",
        unit: UNIT.count,
        targets: [prometheusQuery(`count by (severity) (${FIRING})`, "{{severity}}", { instant: true })],
        thresholds: noLimit(),
        width: 6,
        height: 8,
      }),
      table({
        title: "Firing alerts",
        description: "Every alert firing now with its labels; the alert's runbook is linked from its notification.",
        unit: UNIT.text,
        targets: [prometheusQuery(`sort_desc(${FIRING})`, "{{alertname}}", { instant: true, table: true })],
        hiddenColumns: ["Time", "Value", "__name__", "alertstate"],
        width: 18,
        height: 8,
      }),
    ],
  };
}
