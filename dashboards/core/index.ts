import type { DashboardBuilder } from "@grafana/grafana-foundation-sdk/dashboard";
import type { Environment } from "../../src/config/environment-schema.js";
import { overviewDashboard } from "./overview/index.js";

/** The core pack's dashboards, in the order they are listed and rendered. */
export const coreDashboards: readonly ((environment: Environment) => DashboardBuilder)[] = [overviewDashboard];
