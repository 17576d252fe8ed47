import type { DashboardBuilder } from "@grafana/grafana-foundation-sdk/dashboard";
import type { EnvironmentSettings } from "../../../src/config/environment-schema.js";
import { dashboard, lokiDatasourceVariable, prometheusDatasourceVariable, tempoDatasourceVariable } from "../../common.js";
import { budgetRow } from "./budget.js";
import { burnRateRow } from "./burn-rate.js";
import { eventsRow } from "./events.js";
import { logsRow } from "./logs.js";
import { tokenLatencyRow } from "./token-latency.js";
import { sloNamespaceVariable, sloVariable } from "./selection.js";

/** Every SLO (`slos` and the default one): objective, budget left, burn rates, good and bad events, logs and traces. */
export function sloDashboard(settings: EnvironmentSettings): DashboardBuilder {
  return dashboard({
    uid: "nfops-slo",
    title: "nfops / SLOs",
    description: "Service level objectives declared in `slos` and the default inference SLO: objective, error budget remaining over the window, burn rate by window, good and bad events, and the logs and traces of their services.",
    from: "now-7d",
    variables: [prometheusDatasourceVariable(), lokiDatasourceVariable(), tempoDatasourceVariable(), sloVariable(), sloNamespaceVariable()],
    rows: [budgetRow(), burnRateRow(settings), ...optional(tokenLatencyRow(settings)), eventsRow(), logsRow()],
  });
}

function optional<T>(value: T | undefined): T[] {
  return value === undefined ? [] : [value];
}
