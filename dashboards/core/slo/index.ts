import type { DashboardBuilder } from "@grafana/grafana-foundation-sdk/dashboard";
import { DATASOURCE_UID } from "../../../src/components/grafana-datasources.js";
import { dashboard, lokiDatasourceVariable, prometheusDatasourceVariable } from "../../common.js";
import { budgetRow } from "./budget.js";
import { burnRateRow } from "./burn-rate.js";
import { eventsRow } from "./events.js";
import { logsRow } from "./logs.js";
import { sloNamespaceVariable, sloVariable } from "./selection.js";

/** Grafana Explore on Tempo, searching the traces of the selected namespaces' services. */
const TRACES_URL = `/explore?schemaVersion=1&panes=${encodeURIComponent(
  JSON.stringify({ traces: { datasource: DATASOURCE_UID.tempo, queries: [{ refId: "A", datasource: { type: "tempo", uid: DATASOURCE_UID.tempo }, queryType: "traceql", query: '{resource.k8s.namespace.name=~"$namespace"}' }] } }),
)}`;

/** Every SLO (`slos` and the default one): objective, budget left, burn rates, good and bad events, logs and traces. */
export function sloDashboard(): DashboardBuilder {
  return dashboard({
    uid: "nfops-slo",
    title: "nfops / SLOs",
    description: "Service level objectives declared in `slos` and the default inference SLO: objective, error budget remaining over the window, burn rate by window, good and bad events, and the logs and traces of their services.",
    from: "now-7d",
    variables: [prometheusDatasourceVariable(), lokiDatasourceVariable(), sloVariable(), sloNamespaceVariable()],
    rows: [budgetRow(), burnRateRow(), eventsRow(), logsRow()],
    links: [{ title: "Traces", url: TRACES_URL, tooltip: "Traces of the selected SLOs' namespaces in Tempo (Explore)" }],
  });
}
