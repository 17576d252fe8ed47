import { App } from "cdk8s";
import { describe, expect, it } from "vitest";
import { composeOperatorCharts } from "../../stacks/operator.js";
import { loadTestStack, type KubeObject } from "../helpers/component-objects.js";
import { relabel } from "../helpers/relabel.js";

/**
 * Target labels prometheus-operator gives every ServiceMonitor target (v0.80.0
 * pkg/prometheus/promcfg.go, generateServiceMonitorConfig: `namespace`, `service`, `pod`,
 * `container` from the endpoint's pod; `job`, `endpoint`, `instance`), here for the exporter's own pod.
 */
const TARGET = {
  namespace: "nfops-monitoring",
  service: "dcgm-exporter",
  pod: "dcgm-exporter-x7k2p",
  container: "dcgm-exporter",
  endpoint: "http-metrics",
  job: "dcgm-exporter",
  instance: "10.0.3.7:9400",
};

/**
 * What Prometheus stores for one exposed series of the target (Prometheus v2.42 scrape/scrape.go
 * mutateSampleLabels): with `honor_labels` the exposed labels win and target labels fill in what is
 * absent; without, target labels win and a conflicting exposed value moves to `exported_<name>`;
 * then `metric_relabel_configs` run.
 */
function stored(exposed: Record<string, string>, endpoint: Record<string, any>): Record<string, string> | undefined {
  const snake: Record<string, string> = { sourceLabels: "source_labels", targetLabel: "target_label" };
  const prometheusForm = (configs: Record<string, unknown>[] | undefined) =>
    (configs ?? []).map((c) => Object.fromEntries(Object.entries(c).map(([k, v]) => [snake[k] ?? k, v])));
  // The endpoint's relabelings run after the operator's, on the target's labels and its pod's meta labels.
  const relabelled = relabel({ ...TARGET, __meta_kubernetes_pod_node_name: "gpu-node-1" }, prometheusForm(endpoint.relabelings)) ?? {};
  const target = Object.fromEntries(Object.entries(relabelled).filter(([name, value]) => !name.startsWith("__") && value !== ""));
  const labels: Record<string, string> = { ...exposed };
  for (const [name, value] of Object.entries(target)) {
    if (endpoint.honorLabels === true) {
      if (labels[name] === undefined) labels[name] = value;
    } else {
      if ((exposed[name] ?? "") !== "") labels[`exported_${name}`] = exposed[name] as string;
      labels[name] = value;
    }
  }
  const result = relabel(labels, prometheusForm(endpoint.metricRelabelings));
  return result && Object.fromEntries(Object.entries(result).filter(([, value]) => value !== ""));
}

function operatorObjects(): KubeObject[] {
  const app = new App({ outdir: "unused" });
  composeOperatorCharts(app, loadTestStack("profile: operator\nnamespace: nfops-monitoring\n", "kps"));
  return app.charts.flatMap((chart) => chart.toJson() as KubeObject[]);
}

describe("operator profile: the exporter's own labels over prometheus-operator's target labels", () => {
  const monitor = operatorObjects().find((o) => o.kind === "ServiceMonitor" && o.metadata.name === "dcgm-exporter");
  const endpoint = monitor?.spec.endpoints[0] as Record<string, any>;

  it("GIVEN a GPU no pod holds (dcgm-exporter writes no holder labels) WHEN scraped through the ServiceMonitor THEN it has no namespace, pod or container, not the exporter's own", () => {
    const series = stored({ __name__: "DCGM_FI_DEV_FB_USED", gpu: "1", UUID: "GPU-b", modelName: "NVIDIA H100 80GB HBM3" }, endpoint);
    expect(series).toBeDefined();
    expect(series?.namespace).toBeUndefined();
    expect(series?.pod).toBeUndefined();
    expect(series?.container).toBeUndefined();
    expect(Object.keys(series ?? {}).filter((k) => k.startsWith("exported_"))).toEqual([]);
  });

  it("GIVEN a GPU a pod holds WHEN scraped through the ServiceMonitor THEN it names the holder and keeps the job and instance of the target", () => {
    const series = stored({ __name__: "DCGM_FI_DEV_FB_USED", gpu: "0", UUID: "GPU-a", modelName: "NVIDIA H100 80GB HBM3", namespace: "team-a", pod: "train-0", container: "main" }, endpoint);
    expect(series).toMatchObject({ namespace: "team-a", pod: "train-0", container: "main", job: "dcgm-exporter", instance: TARGET.instance, node: "gpu-node-1" });
    expect(Object.keys(series ?? {}).filter((k) => k.startsWith("exported_"))).toEqual([]);
  });
});
