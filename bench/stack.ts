import { syntheticFleet } from "./fleet.js";
import { benchRuleEvaluation } from "./rules.js";
import type { BenchResult } from "./stats.js";

/**
 * The stack pack's share of the default environment's rule evaluation: every rule file of the
 * default environment over the 1,000-GPU fleet of the `rules` suite, with Prometheus also scraping
 * itself as the `prometheus` job (the stack alerts read its own series), in one Prometheus run.
 * The bound is 5 %. Alertmanager, Loki, Tempo and Grafana are not running here: their
 * alerts cost only the index look-ups of absent series.
 */
export async function benchStackRules(gpus = 1000): Promise<BenchResult[]> {
  return benchRuleEvaluation({
    label: `stack pack, ${gpus} GPUs`,
    fleet: syntheticFleet(gpus),
    passSeries: "DCGM_FI_DEV_GPU_UTIL",
    selfJob: "prometheus",
    share: { name: "stack pack (nfops-stack-*)", groups: (group) => group.startsWith("nfops-stack-") },
  });
}
