import { KUBE_METRIC as M } from "../../../rules/kubernetes/catalog.js";
import { prometheusQuery, table, UNIT, type DashboardRow } from "../../common.js";

/** Alerts of the kubernetes pack firing now. */
export function kubernetesAlertsRow(alertNames: readonly string[]): DashboardRow {
  return {
    title: "Firing Kubernetes alerts",
    panels: [
      table({
        title: "Firing Kubernetes alerts",
        description: "Alerts of the kubernetes pack firing now, with their labels; each notification links the alert's runbook.",
        unit: UNIT.text,
        targets: [prometheusQuery(`sort_desc(${M.alerts}{alertstate="firing", alertname=~"${alertNames.join("|")}"})`, "{{alertname}}", { instant: true, table: true })],
        hiddenColumns: ["Time", "Value", "__name__", "alertstate"],
        width: 24,
        height: 8,
      }),
    ],
  };
}
