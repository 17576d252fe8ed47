import { coreDashboards } from "../../dashboards/core/index.js";
import { coreMetrics } from "../../rules/core/catalog.js";
import { checkGpuSettings, gpuExporterNotices } from "../../rules/core/gpu.js";
import { coreRuleFiles } from "../../rules/core/index.js";
import { checkSloSettings } from "../../rules/core/slo.js";
import { checkSlos, sloThresholdNotices } from "../../rules/core/slo-objectives.js";
import type { PackDefinition } from "../model/stack-model.js";

/** Platform, GPU, inference SLO, cost/CO2 and audit: the original system's observability. */
export const corePack: PackDefinition = {
  name: "core",
  description: "platform, GPU, inference SLO, cost/CO2 and audit: recording layer, alerts, Overview, Audit, GPU fleet, Cost & Carbon and Inference SLO dashboards",
  metrics: coreMetrics,
  ruleFiles: coreRuleFiles,
  dashboards: coreDashboards,
  // A broken pod mapping makes every held GPU look unheld: one page for the cause, none per "zombie".
  inhibitions: [{ source: "GPUPodMappingBroken", target: "ZombieGPUProcess", equal: ["node"] }],
  notices: (context) => [...gpuExporterNotices(context), ...sloThresholdNotices(context.environment.settings)],
  ruleTestsDir: "rules/core/tests",
  checkSettings: (settings) => [...checkSloSettings(settings), ...checkSlos(settings), ...checkGpuSettings(settings)],
};
