import { describe, expect, it } from "vitest";
import { kubeStateMetricsCollectors } from "../../src/catalog/kube-state-metrics-resources.js";
import type { MetricEntry } from "../../src/catalog/types.js";
import { componentObjects, loadTestStack, only } from "../helpers/component-objects.js";

/** The kubernetes pack comes with kube-state-metrics; kube-state-metrics reads exactly what the catalogs in effect need. */

const grantedOf = (yaml: string) => {
  const role = only(componentObjects(loadTestStack(yaml), "kubeStateMetrics"), "ClusterRole");
  return Object.fromEntries(role.rules.map((r: { apiGroups: string[]; resources: string[] }) => [r.apiGroups[0], r.resources]));
};

describe("kubernetes pack and kube-state-metrics", () => {
  it("GIVEN the standalone profile WHEN nothing is set THEN the pack's rule file and dashboards are in effect", () => {
    const { artifacts } = loadTestStack("");
    expect(artifacts.ruleFiles.map((f) => f.name)).toContain("kubernetes");
    expect(artifacts.dashboards.map((d) => d.uid)).toEqual(expect.arrayContaining(["nfops-kubernetes-cluster", "nfops-kubernetes-namespace"]));
  });

  it.each([
    ["the operator profile", "profile: operator\n"],
    ["kubernetes.enabled: false", "kubernetes: { enabled: false }\n"],
    ["no kube-state-metrics", "components: { kubeStateMetrics: false }\n"],
  ])("GIVEN %s WHEN building THEN the pack is not in effect", (_case, yaml) => {
    const { artifacts } = loadTestStack(yaml);
    expect(artifacts.ruleFiles.map((f) => f.name)).not.toContain("kubernetes");
    expect(artifacts.dashboards.map((d) => d.uid).filter((uid) => uid.startsWith("nfops-kubernetes-"))).toEqual([]);
    expect(artifacts.metrics.some((m) => m.name === "kube_deployment_spec_replicas")).toBe(false);
  });

  it("GIVEN the pack WHEN kube-state-metrics is built THEN its ClusterRole lists and watches exactly the objects the pack and core read", () => {
    expect(grantedOf("")).toEqual({
      "": ["nodes", "persistentvolumeclaims", "persistentvolumes", "pods", "resourcequotas"],
      apps: ["daemonsets", "deployments", "replicasets", "statefulsets"],
      autoscaling: ["horizontalpodautoscalers"],
      batch: ["jobs"],
    });
  });

  it("GIVEN the pack turned off WHEN kube-state-metrics is built THEN it reads only pods and nodes (the core pack's GPU accounting)", () => {
    expect(grantedOf("kubernetes: { enabled: false }\n")).toEqual({ "": ["nodes", "pods"] });
  });

  it("GIVEN every kube-state-metrics series of the catalog WHEN mapped THEN a granted collector exports it", () => {
    const stack = loadTestStack("");
    const granted = Object.values(grantedOf("")).flat();
    const series = stack.artifacts.metrics.filter((m) => m.producer === "kubeStateMetrics");
    expect(series.length).toBeGreaterThan(30);
    for (const metric of series) {
      const [resource] = Object.values(kubeStateMetricsCollectors([metric])).flat();
      expect(granted, metric.name).toContain(resource);
    }
  });

  it("GIVEN persistentvolume and persistentvolumeclaim series WHEN mapped THEN each goes to its own collector", () => {
    const entry = (name: string): MetricEntry => ({ name, type: "gauge", unit: "boolean", labels: [], producer: "kubeStateMetrics", description: "" });
    expect(kubeStateMetricsCollectors([entry("kube_persistentvolumeclaim_status_phase")])).toEqual({ "": ["persistentvolumeclaims"] });
    expect(kubeStateMetricsCollectors([entry("kube_persistentvolume_status_phase")])).toEqual({ "": ["persistentvolumes"] });
  });

  it("GIVEN a catalogued series no collector exports WHEN mapped THEN it fails naming the series", () => {
    const entry: MetricEntry = { name: "kube_made_up_info", type: "gauge", unit: "info", labels: [], producer: "kubeStateMetrics", description: "" };
    expect(() => kubeStateMetricsCollectors([entry])).toThrow(/kube_made_up_info/);
  });
});
