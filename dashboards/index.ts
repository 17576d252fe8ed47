import type { Environment } from "../src/config/environment-schema.js";
import type { DashboardFile } from "../src/synth/artifacts.js";

/** Every dashboard of every enabled pack, in a stable order. */
export function buildDashboards(_environment: Environment): DashboardFile[] {
  return [];
}
