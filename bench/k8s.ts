import { kubernetesFleet, PODS_PER_NODE } from "./k8s-fleet.js";
import { benchRuleEvaluation } from "./rules.js";
import type { BenchResult } from "./stats.js";

/**
 * The kubernetes pack's rule file on a real Prometheus over a backfilled cluster of `nodes` × 30 pods
 * (bench/k8s-fleet.ts), with a live target continuing its series: per-group evaluation time, the
 * median of 3 evaluations after 2 skipped (the two-minute aggregation group takes 10 minutes for them;
 * a group slower than its interval is reported with what the 15 minutes allowed).
 */
export async function benchKubernetesRules(clusters: readonly number[] = [1000]): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const nodes of clusters) {
    results.push(...(await benchRuleEvaluation({ label: `k8s ${nodes} nodes × ${PODS_PER_NODE} pods`, fleet: kubernetesFleet(nodes), ruleFiles: ["kubernetes"], measuredEvaluations: 3, deadlineMinutes: 15, passSeries: "kube_pod_status_phase" })));
  }
  return results;
}
