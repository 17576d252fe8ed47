import { coreDashboards } from "../../dashboards/core/index.js";
import { coreMetrics } from "../../rules/core/catalog.js";
import { coreRuleFiles } from "../../rules/core/index.js";
import { checkSloSettings } from "../../rules/core/slo.js";
import type { PackDefinition } from "../model/stack-model.js";

/** Platform, GPU, inference SLO, cost/CO2 and audit: the original system's observability. */
export const corePack: PackDefinition = {
  name: "core",
  description: "platform, GPU, inference SLO, cost/CO2 and audit: recording layer, alerts, Overview, Audit, GPU fleet, Cost & Carbon and Inference SLO dashboards",
  metrics: coreMetrics,
  ruleFiles: coreRuleFiles,
  dashboards: coreDashboards,
  ruleTestsDir: "rules/core/tests",
  checkSettings: checkSloSettings,
};
