import type { DashboardBuilder } from "@grafana/grafana-foundation-sdk/dashboard";
import type { PackContext } from "../../src/model/stack-model.js";
import { auditDashboard } from "./audit/index.js";
import { costCarbonDashboard } from "./cost-carbon/index.js";
import { gpuFleetDashboard } from "./gpu-fleet/index.js";
import { inferenceSloDashboard } from "./inference-slo/index.js";
import { overviewDashboard } from "./overview/index.js";
import { sloDashboard } from "./slo/index.js";

/** The core pack's dashboards, in the order they are listed and rendered. */
export function coreDashboards(context: PackContext): DashboardBuilder[] {
  const { environment } = context;
  return [
    overviewDashboard(context),
    auditDashboard(environment),
    gpuFleetDashboard(context),
    costCarbonDashboard(environment),
    inferenceSloDashboard(environment),
    sloDashboard(environment.settings),
  ];
}
