import { describe, expect, it } from "vitest";
import { kubernetesMetrics } from "../../rules/kubernetes/catalog.js";
import { durationSeconds } from "../../src/config/duration.js";
import { rollupInterval } from "../../src/promql/windows.js";
import { loadTestEnvironment } from "../helpers/environments.js";
import { artifactsOf } from "../helpers/packs.js";
import { metricNameOf, nodesNamed, parsePromQL, promqlMetrics } from "../helpers/query-syntax.js";

/**
 * The kubernetes pack's cost design (rules/kubernetes/recording.ts, `npm run bench -- k8s`): on a
 * large cluster a rule costs what it selects, so the series kube-state-metrics and cAdvisor write
 * for every pod or container are read in the aggregation group, once every two roll-up intervals,
 * and the alerts read its recordings. The exceptions are listed with why they stay cheap.
 */
const READ_BY_ALERTS: Readonly<Record<string, string>> = {
  kube_pod_container_status_waiting_reason: "written only for containers waiting now",
  kube_pod_container_status_last_terminated_reason: "written only for containers that terminated",
  kube_pod_container_resource_requests: "selected for GPU resources only",
};
/** Per-pod families written only for a few pods or containers: selecting them costs little wherever. */
const SELECTIVE = new Set(["kube_pod_container_status_waiting_reason", "kube_pod_container_status_last_terminated_reason"]);
/**
 * Selections per minute of each per-pod family allowed over the whole pack; the others: one per
 * aggregation interval (two roll-up intervals), 0.5 a minute.
 */
const READS_PER_MINUTE: Readonly<Record<string, { readonly reads: number; readonly why: string }>> = {
  kube_pod_owner: { reads: 1.5, why: "the workload map selects the pods of ReplicaSets, of any controller and of none: three selectors" },
  kube_pod_container_status_restarts_total: { reads: 1, why: "the exact restarts per roll-up interval, each minute: the restart alerts wait for nothing" },
};
const PER_POD = new Set(kubernetesMetrics.filter((m) => (m.producer === "kubeStateMetrics" || m.producer === "cadvisor") && m.labels.includes("pod")).map((m) => m.name));

const { environment } = loadTestEnvironment("", "k8s-cost");
const file = artifactsOf(environment).ruleFiles.find((f) => f.name === "kubernetes");
const rollupSeconds = durationSeconds(rollupInterval(environment.settings));

/** Selections per minute of every per-pod family, but GPU requests (a few series): each selector once per evaluation of its group. */
function readsPerMinute(): Map<string, number> {
  const reads = new Map<string, number>();
  for (const group of file?.groups ?? []) {
    const perMinute = 60 / durationSeconds(group.interval ?? "1m");
    for (const rule of group.rules) {
      const parsed = parsePromQL(rule.expr);
      for (const selector of nodesNamed(parsed, "VectorSelector")) {
        const name = metricNameOf(parsed, selector);
        if (!name || !PER_POD.has(name) || SELECTIVE.has(name) || /resource=~"nvidia_com_gpu/.test(parsed.text(selector))) continue;
        reads.set(name, (reads.get(name) ?? 0) + perMinute);
      }
    }
  }
  return reads;
}

describe("kubernetes pack rule cost", () => {
  it("GIVEN the standalone default THEN the aggregation group comes first, every two roll-up intervals, and every other group runs at the roll-up interval", () => {
    expect(file?.groups[0]?.name).toBe("nfops-kubernetes-aggregation.rules");
    expect(durationSeconds(file?.groups[0]?.interval ?? "0s")).toBe(2 * rollupSeconds);
    expect(file?.groups.slice(1).map((g) => durationSeconds(g.interval ?? "0s"))).toEqual(file?.groups.slice(1).map(() => rollupSeconds));
  });

  it("GIVEN every rule of kubernetes.yaml THEN each series kube-state-metrics or cAdvisor writes per pod or container is selected at most once per aggregation interval, but the listed ones", () => {
    const reads = readsPerMinute();
    expect(reads.size).toBeGreaterThan(6);
    for (const [name, perMinute] of reads) expect(perMinute, `${name}: ${READS_PER_MINUTE[name]?.why ?? "read once per aggregation interval"}`).toBeLessThanOrEqual(READS_PER_MINUTE[name]?.reads ?? 0.5);
  });

  it("GIVEN the alert groups THEN they read no per-pod series of kube-state-metrics or cAdvisor but the listed ones, and requests only for GPUs", () => {
    expect(PER_POD.size).toBeGreaterThan(10);
    const alertRules = (file?.groups ?? []).flatMap((g) => g.rules).filter((rule) => rule.alert !== undefined);
    expect(alertRules.length).toBeGreaterThan(20);
    for (const rule of alertRules) {
      const read = promqlMetrics(parsePromQL(rule.expr)).filter((m) => PER_POD.has(m));
      expect(read.filter((m) => !Object.hasOwn(READ_BY_ALERTS, m)), `${rule.alert} reads per-pod series at alert level`).toEqual([]);
      for (const selector of rule.expr.match(/kube_pod_container_resource_requests\{[^}]*\}/g) ?? []) expect(selector, rule.alert).toMatch(/resource=~"nvidia_com_gpu/);
    }
  });
});
