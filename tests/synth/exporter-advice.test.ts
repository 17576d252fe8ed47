import { describe, expect, it } from "vitest";
import { exporterAdvice } from "../../src/synth/exporter-advice.js";
import { loadTestEnvironment } from "../helpers/environments.js";
import { packContext } from "../helpers/packs.js";

const adviceFor = (yaml: string) => exporterAdvice(packContext(loadTestEnvironment(yaml).environment));

describe("what nfops synth tells the user's exporters to write", () => {
  it("GIVEN gpu.exporter: existing in the operator profile THEN it gives the ServiceMonitor's relabelings, node-exporter's node label and kube-state-metrics' honorLabels (the fields and flags are gpuExporterNotices')", () => {
    const context = packContext(loadTestEnvironment("profile: operator\ngpu: { exporter: existing }\n").environment);
    const [serviceMonitor, nodeExporter, kubeStateMetrics, ...rest] = exporterAdvice(context);
    expect(rest).toEqual([]);
    expect(serviceMonitor).toContain("        - regex: namespace|pod|container|service\n          action: labeldrop");
    expect(serviceMonitor).not.toContain("honorLabels");
    expect(nodeExporter).toContain("          - sourceLabels: [__meta_kubernetes_pod_node_name]\n            targetLabel: node");
    expect(kubeStateMetrics).toContain("honorLabels: true");
  });

  it("GIVEN the standalone profile with the stack's own dcgm-exporter THEN there is nothing to tell", () => {
    expect(adviceFor("")).toEqual([]);
  });

  it("GIVEN gpu.exporter: existing in the standalone profile THEN nothing to tell about scrapes (the stack's own sets node and adds no target labels)", () => {
    expect(adviceFor("gpu: { exporter: existing }\n")).toEqual([]);
  });
});
