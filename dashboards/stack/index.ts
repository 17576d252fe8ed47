import type { DashboardBuilder } from "@grafana/grafana-foundation-sdk/dashboard";
import { STACK_HEALTH_DASHBOARD } from "../../rules/stack/index.js";
import type { PackContext } from "../../src/model/stack-model.js";
import { dashboard, prometheusDatasourceVariable } from "../common.js";
import { alertmanagerRow } from "./alertmanager.js";
import { prometheusRow } from "./prometheus.js";
import { storesRows } from "./stores.js";

/** The stack pack's signals: Prometheus and Alertmanager always, Thanos, Loki, Tempo and Grafana where deployed. */
export function stackHealthDashboard({ stack }: PackContext): DashboardBuilder {
  return dashboard({
    uid: STACK_HEALTH_DASHBOARD,
    title: "nfops / Stack health",
    description: "The monitoring stack's own health: Prometheus reloads, rule groups, alert delivery and storage; Alertmanager reloads, notifications and cluster; the long-term, log and trace stores and Grafana's datasources.",
    from: "now-6h",
    variables: [prometheusDatasourceVariable()],
    rows: [prometheusRow(stack), ...(stack.isDeployed("alertmanager") ? [alertmanagerRow(stack)] : []), ...storesRows(stack)],
  });
}
