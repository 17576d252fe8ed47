import { describe, expect, it } from "vitest";
import { kubernetesMetrics } from "../../rules/kubernetes/catalog.js";
import { rollupInterval } from "../../src/promql/windows.js";
import { loadTestEnvironment } from "../helpers/environments.js";
import { artifactsOf } from "../helpers/packs.js";
import { parsePromQL, promqlMetrics } from "../helpers/query-syntax.js";

/**
 * The kubernetes pack's cost design (rules/kubernetes/recording.ts, `npm run bench -- k8s`): on a
 * large cluster a rule costs what it selects, so the series kube-state-metrics and cAdvisor write
 * for every pod or container are read in the aggregation group, once a minute, and the alert groups
 * read its recordings. The exceptions are listed with why they stay cheap.
 */
const READ_BY_ALERTS: Readonly<Record<string, string>> = {
  kube_pod_container_status_waiting_reason: "written only for containers waiting now",
  kube_pod_container_status_last_terminated_reason: "written only for containers that terminated",
  kube_pod_container_resource_requests: "selected for GPU resources only",
  kube_pod_status_ready: "KubePodNotReady: the one per-pod family an alert reads whole, once a minute",
};
const PER_POD = new Set(kubernetesMetrics.filter((m) => (m.producer === "kubeStateMetrics" || m.producer === "cadvisor") && m.labels.includes("pod")).map((m) => m.name));

const { environment } = loadTestEnvironment("", "k8s-cost");
const file = artifactsOf(environment).ruleFiles.find((f) => f.name === "kubernetes");

describe("kubernetes pack rule cost", () => {
  it("GIVEN the standalone default THEN every group of kubernetes.yaml runs at the roll-up interval, the aggregation group first", () => {
    expect(file?.groups.map((g) => g.interval)).toEqual(file?.groups.map(() => rollupInterval(environment.settings)));
    expect(file?.groups[0]?.name).toBe("nfops-kubernetes-aggregation.rules");
  });

  it("GIVEN the alert groups THEN they read no per-pod series of kube-state-metrics or cAdvisor but the listed ones, and requests only for GPUs", () => {
    expect(PER_POD.size).toBeGreaterThan(10);
    const alertRules = (file?.groups.slice(1) ?? []).flatMap((g) => g.rules);
    expect(alertRules.length).toBeGreaterThan(20);
    for (const rule of alertRules) {
      const read = promqlMetrics(parsePromQL(rule.expr)).filter((m) => PER_POD.has(m));
      expect(read.filter((m) => !Object.hasOwn(READ_BY_ALERTS, m)), `${rule.alert} reads per-pod series at alert level`).toEqual([]);
      for (const selector of rule.expr.match(/kube_pod_container_resource_requests\{[^}]*\}/g) ?? []) expect(selector, rule.alert).toMatch(/resource=~"nvidia_com_gpu/);
    }
  });
});
