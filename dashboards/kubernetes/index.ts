import type { DashboardBuilder } from "@grafana/grafana-foundation-sdk/dashboard";
import type { PackContext } from "../../src/model/stack-model.js";
import { kubernetesClusterDashboard } from "./cluster/index.js";
import { kubernetesNamespaceDashboard } from "./namespace/index.js";

/** The kubernetes pack's dashboards, in the order they are listed and rendered. */
export function kubernetesDashboards(context: PackContext): DashboardBuilder[] {
  return [kubernetesClusterDashboard(context), kubernetesNamespaceDashboard(context)];
}
