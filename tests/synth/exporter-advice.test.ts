import { describe, expect, it } from "vitest";
import { GPU_OPERATOR_MISSING_FIELDS } from "../../src/catalog/input-contracts.js";
import { dcgmFields } from "../../src/catalog/dcgm-exporter.js";
import { exporterAdvice } from "../../src/synth/exporter-advice.js";
import { loadTestEnvironment } from "../helpers/environments.js";
import { packContext } from "../helpers/packs.js";

const adviceFor = (yaml: string) => exporterAdvice(packContext(loadTestEnvironment(yaml).environment));

describe("what nfops synth tells the user's exporters to write", () => {
  it("GIVEN gpu.exporter: existing in the operator profile THEN it names the fields the GPU Operator's default file lacks, the whole collectors file, the XID window and the ServiceMonitor's relabelings", () => {
    const context = packContext(loadTestEnvironment("profile: operator\ngpu: { exporter: existing }\n").environment);
    const [fields, serviceMonitor, nodeExporter, kubeStateMetrics, ...rest] = exporterAdvice(context);
    expect(rest).toEqual([]);
    expect(fields).toContain(`lacks ${GPU_OPERATOR_MISSING_FIELDS.join(", ")} (dcgm-exporter 4.4.2-4.7.0)`);
    for (const field of dcgmFields(context.packs.flatMap((p) => p.metrics))) expect(fields).toMatch(new RegExp(`^    ${field.name}, (gauge|counter), `, "m"));
    expect(fields).toContain('{"name":"DCGM_EXPORTER_XID_COUNT_WINDOW_SIZE","value":"900000"}');
    expect(serviceMonitor).toContain("        - action: labeldrop\n          regex: namespace|pod|container|service\n");
    expect(nodeExporter).toContain("          - sourceLabels: [__meta_kubernetes_pod_node_name]\n            targetLabel: node");
    expect(kubeStateMetrics).toContain("honorLabels: true");
  });

  it("GIVEN the standalone profile with the stack's own dcgm-exporter THEN there is nothing to tell", () => {
    expect(adviceFor("")).toEqual([]);
  });

  it("GIVEN gpu.exporter: existing in the standalone profile THEN only the collectors file (the stack's own scrape sets node and adds no target labels)", () => {
    const advice = adviceFor("gpu: { exporter: existing }\n");
    expect(advice).toHaveLength(1);
    expect(advice[0]).toContain("dcgmExporter.config.name=nfops-dcgm-metrics");
  });
});
