import type { DashboardBuilder } from "@grafana/grafana-foundation-sdk/dashboard";
import type { Environment } from "../../src/config/environment-schema.js";
import { auditDashboard } from "./audit/index.js";
import { costCarbonDashboard } from "./cost-carbon/index.js";
import { gpuFleetDashboard } from "./gpu-fleet/index.js";
import { inferenceSloDashboard } from "./inference-slo/index.js";
import { overviewDashboard } from "./overview/index.js";

/** A dashboard of a pack: a pure function of the environment. */
export type DashboardDefinition = (environment: Environment) => DashboardBuilder;

/** The core pack's dashboards, in the order they are listed and rendered. */
export const coreDashboards: readonly DashboardDefinition[] = [
  overviewDashboard,
  auditDashboard,
  gpuFleetDashboard,
  costCarbonDashboard,
  inferenceSloDashboard,
];
