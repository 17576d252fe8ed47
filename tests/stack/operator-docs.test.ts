import { readFileSync } from "node:fs";
import { join } from "node:path";
import { App } from "cdk8s";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { dcgmFields, GPU_OPERATOR_DEFAULT_FIELDS } from "../../src/catalog/dcgm-exporter.js";
import { DCGM_EXTRA_RESOURCE_NAMES } from "../../src/catalog/gpu-resources.js";
import { repositoryRoot } from "../../src/config/project-paths.js";
import { composeOperatorCharts } from "../../stacks/operator.js";
import { loadTestStack, type KubeObject } from "../helpers/component-objects.js";
import { loadTestEnvironment } from "../helpers/environments.js";
import { packContext } from "../helpers/packs.js";

/** The pages with the operator profile (docs/stack.md) and GPU Operator (docs/cost.md) sections. */
const PAGES = ["docs/stack.md", "docs/cost.md"].map((page) => readFileSync(join(repositoryRoot, page), "utf8")).join("\n");

/** The first fenced YAML block after `marker` in those pages, parsed. */
function yamlBlockAfter(marker: string): any {
  const at = PAGES.indexOf(marker);
  if (at < 0) throw new Error(`docs/stack.md and docs/cost.md have no ${marker}`);
  const block = /```yaml\n([\s\S]*?)```/.exec(PAGES.slice(at))?.[1];
  if (block === undefined) throw new Error(`docs/stack.md and docs/cost.md have no YAML block after ${marker}`);
  return parse(block);
}

function dcgmServiceMonitorRelabelings(): unknown[] {
  const app = new App({ outdir: "unused" });
  composeOperatorCharts(app, loadTestStack("profile: operator\n", "kps"));
  const monitor = app.charts.flatMap((chart) => chart.toJson() as KubeObject[]).find((o) => o.kind === "ServiceMonitor" && o.metadata.name === "dcgm-exporter");
  return monitor?.spec.endpoints[0].relabelings;
}

describe("docs: the operator profile and GPU Operator sections give the exact values", () => {
  it("GIVEN the operator profile section THEN its dcgm-exporter relabelings are the generated ServiceMonitor's, and the GPU Operator's ServiceMonitor gets the same", () => {
    const generated = dcgmServiceMonitorRelabelings();
    expect(generated).toHaveLength(2);
    expect(yamlBlockAfter("<!-- operator-dcgm-relabelings -->").relabelings).toEqual(generated);
    expect(yamlBlockAfter("**Scrape (operator profile).**").dcgmExporter.serviceMonitor.relabelings).toEqual(generated);
  });

  it("GIVEN kube-prometheus-stack's node-exporter THEN the documented relabeling sets node from the pod's node, as the stack's own scrape does", () => {
    const values = yamlBlockAfter("<!-- operator-node-exporter-relabelings -->");
    expect(values["prometheus-node-exporter"].prometheus.monitor.relabelings).toEqual([
      { sourceLabels: ["__meta_kubernetes_pod_node_name"], targetLabel: "node", action: "replace" },
    ]);
    expect(values["kube-state-metrics"].metricLabelsAllowlist).toEqual(["nodes=[nvidia.com/gpu.sharing-strategy]"]);
  });

  it("GIVEN the GPU Operator section THEN it names exactly the fields the rules read that the operator's default list lacks, and the flags of the stack's own exporter", () => {
    const { packs } = packContext(loadTestEnvironment("packs: [core]\n").environment);
    const lacking = dcgmFields(packs.flatMap((pack) => pack.metrics)).map((f) => f.name).filter((name) => !GPU_OPERATOR_DEFAULT_FIELDS.includes(name));
    const table = PAGES.slice(PAGES.indexOf("<!-- gpu-operator-lacking-fields -->")).split("\n\n")[0] ?? "";
    const named = [...table.matchAll(/`(DCGM_[A-Z_]+)`/g)].map((m) => m[1]);
    expect(named.sort()).toEqual([...lacking].sort());
    const values = yamlBlockAfter("**Flags** for shared GPUs");
    expect(values.dcgmExporter.hostPID).toBe(true);
    expect(values.dcgmExporter.env).toEqual([
      { name: "KUBERNETES_VIRTUAL_GPUS", value: "true" },
      { name: "NVIDIA_RESOURCE_NAMES", value: DCGM_EXTRA_RESOURCE_NAMES.join(",") },
    ]);
  });
});
