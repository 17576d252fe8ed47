import type { RuleFile } from "../../src/model/artifacts.js";
import type { PackContext } from "../../src/model/stack-model.js";
import { rollupInterval } from "../../src/promql/windows.js";
import { nodeAlerts } from "./nodes.js";
import { kubernetesRecordingRules, kubernetesRestartRules } from "./recording.js";
import { resourceAlerts } from "./resources.js";
import { storageAlerts } from "./storage.js";
import { workloadAlerts } from "./workloads.js";

/**
 * The kubernetes pack's one rule file (`kubernetes.yaml`): the shared aggregations first (every two
 * roll-up intervals, see `aggregationInterval`), the per-minute restart counts, then one group per
 * area. The alert groups are evaluated once a minute (the roll-up interval), not at scrape rate:
 * the alerts read the recordings, or object states that change over minutes (back-offs,
 * progress deadlines, node heartbeats), and most wait 5 minutes or more. Evaluating them every 15
 * seconds would cost four times as much to fire at most a minute earlier.
 */
export function kubernetesRuleFiles(context: PackContext): RuleFile[] {
  const interval = rollupInterval(context.environment.settings);
  const alertGroups = [workloadAlerts(context), resourceAlerts(context), storageAlerts(context), nodeAlerts(context)].map(({ name, rules }) => ({ name, interval, rules }));
  return [{ name: "kubernetes", groups: [kubernetesRecordingRules(context), kubernetesRestartRules(context), ...alertGroups] }];
}
