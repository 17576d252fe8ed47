import type { DashboardBuilder } from "@grafana/grafana-foundation-sdk/dashboard";
import type { PackContext } from "../../../src/model/stack-model.js";
import { dashboard, prometheusDatasourceVariable } from "../../common.js";
import { inferenceNamespaceVariable } from "../inference-queries.js";
import { alertsRow } from "./alerts.js";
import { costCarbonRow } from "./cost-carbon.js";
import { gpuRow } from "./gpu.js";
import { inferenceRow } from "./inference.js";
import { systemRow } from "./system.js";

/**
 * The platform at a glance (the original system's `00_overview`): the core rows, then the rows the
 * other packs in effect add (`overviewRows`), then firing alerts.
 */
export function overviewDashboard(context: PackContext): DashboardBuilder {
  const { environment } = context;
  const packRows = context.packs.flatMap((pack) => pack.overviewRows?.(context) ?? []);
  return dashboard({
    uid: "nfops-overview",
    title: "nfops / Overview",
    description: "System resources, GPU fleet, inference golden signals, cost and CO2 against the weekly budgets, and firing alerts.",
    from: "now-6h",
    variables: [
      prometheusDatasourceVariable(),
      inferenceNamespaceVariable("Namespaces of the inference panels; the other rows show the whole cluster."),
    ],
    rows: [systemRow(environment), gpuRow(environment), inferenceRow(environment), costCarbonRow(environment), ...packRows, alertsRow()],
  });
}
