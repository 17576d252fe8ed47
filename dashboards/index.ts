import type { Environment } from "../src/config/environment-schema.js";
import type { DashboardFile } from "../src/model/artifacts.js";
import { coreDashboards } from "./core/index.js";
import { renderDashboard } from "./render.js";

/** Every dashboard of every enabled pack, in a stable order. */
export function buildDashboards(environment: Environment): DashboardFile[] {
  return coreDashboards.map((build) => renderDashboard(build(environment).build()));
}
