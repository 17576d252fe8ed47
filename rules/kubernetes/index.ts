import type { RuleFile } from "../../src/model/artifacts.js";
import type { PackContext } from "../../src/model/stack-model.js";
import { nodeAlerts } from "./nodes.js";
import { kubernetesRecordingRules } from "./recording.js";
import { resourceAlerts } from "./resources.js";
import { storageAlerts } from "./storage.js";
import { workloadAlerts } from "./workloads.js";

/** The kubernetes pack's one rule file (`kubernetes.yaml`): the shared aggregations first, then one group per area. */
export function kubernetesRuleFiles(context: PackContext): RuleFile[] {
  return [
    {
      name: "kubernetes",
      groups: [kubernetesRecordingRules(context), workloadAlerts(context), resourceAlerts(context), storageAlerts(context), nodeAlerts(context)],
    },
  ];
}
