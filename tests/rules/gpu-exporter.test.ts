import { describe, expect, it } from "vitest";
import { alertmanagerConfig } from "../../src/components/alertmanager-config.js";
import type { PackDefinition } from "../../src/model/stack-model.js";
import { PACKS } from "../../src/packs/registry.js";
import { buildArtifacts, renderEnvironment, stackNotices } from "../../src/synth/render-environment.js";
import { loadTestStack } from "../helpers/component-objects.js";
import { loadTestEnvironment } from "../helpers/environments.js";
import { packContext } from "../helpers/packs.js";
import { metricNameOf, nodesNamed, parsePromQL, selectorMatchers } from "../helpers/query-syntax.js";

/** Every `DCGM_*` selector of a query, with the value of its `job` matcher (undefined when it has none). */
function dcgmSelectors(query: string): Array<{ metric: string; job: string | undefined }> {
  const parsed = parsePromQL(query);
  return nodesNamed(parsed, "VectorSelector").flatMap((selector) => {
    const metric = metricNameOf(parsed, selector);
    if (metric === undefined || !metric.startsWith("DCGM_")) return [];
    return [{ metric, job: selectorMatchers(parsed, selector).find((m) => m.label === "job")?.value }];
  });
}

/** Every DCGM selector in an environment's rule files and dashboards. */
function everyDcgmSelector(yaml: string) {
  const { files } = renderEnvironment(loadTestEnvironment(yaml));
  const rules = files.filter((f) => f.path.startsWith("rules/")).map((f) => f.content);
  const dashboards = files.filter((f) => f.path.startsWith("dashboards/")).map((f) => f.content);
  const exprs = [
    ...rules.flatMap((text) => [...text.matchAll(/expr: (?:\|-\n((?:\s{10}.*\n?)+)|(.*))/g)].map((m) => (m[1] ?? m[2] ?? "").trim())),
    ...dashboards.flatMap((text) => [...text.matchAll(/"expr": "((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`) as string)),
  ];
  return { files, selectors: exprs.flatMap(dcgmSelectors) };
}

describe("one dcgm-exporter job", () => {
  it("GIVEN the default environment THEN every DCGM selector of every rule and dashboard reads job dcgm-exporter, so a second exporter cannot double anything", () => {
    const { selectors } = everyDcgmSelector("");
    expect(selectors.length).toBeGreaterThan(40);
    expect(selectors.filter((s) => s.job !== "dcgm-exporter")).toEqual([]);
  });

  it("GIVEN gpu.exporter existing THEN no exporter is deployed, every DCGM selector reads the existing job, and GPUExporterDown watches it", () => {
    const { files, selectors } = everyDcgmSelector("gpu: { exporter: existing, existingExporterJob: gpu-operator-dcgm }\n");
    expect(files.some((f) => f.path.includes("dcgm-exporter/"))).toBe(false);
    expect(selectors.filter((s) => s.job !== "gpu-operator-dcgm")).toEqual([]);
    const gpuRules = files.find((f) => f.path === "rules/gpu.yaml")?.content ?? "";
    expect(gpuRules).toContain('expr: up{job="gpu-operator-dcgm"} == 0');
  });

  it("GIVEN gpu.exporter existing WHEN synthesized THEN the notice names the job and every field the rules need from it", () => {
    const stack = loadTestStack("gpu: { exporter: existing }\n");
    const notice = stackNotices(stack).find((text) => text.startsWith("gpu.exporter"));
    expect(notice).toMatch(/every GPU rule reads job "nvidia-dcgm-exporter"/);
    for (const field of ["DCGM_EXP_XID_ERRORS_COUNT", "DCGM_FI_PROF_GR_ENGINE_ACTIVE", "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION"]) expect(notice).toContain(field);
    expect(stackNotices(loadTestStack("alerting: { heartbeatUrlKey: hb }\n"))).toEqual([]);
  });

  it("GIVEN gpu.exporter existing WHEN synthesized THEN the notice names the fields the GPU Operator's default list lacks and gives the exact list, ConfigMap key and ClusterPolicy fields to fix it", () => {
    const stack = loadTestStack("gpu: { exporter: existing }\n");
    const notice = stackNotices(stack).find((text) => text.startsWith("gpu.exporter")) ?? "";
    // dcgm-exporter 4.5.3-4.8.2 etc/dcp-metrics-included.csv, which the GPU Operator v26.3.3 watches by default, has none of these.
    const lacking = /default field list lacks (.*?): the alerts/.exec(notice)?.[1]?.split(", ").sort();
    expect(lacking).toEqual([
      "DCGM_EXP_XID_ERRORS_COUNT",
      "DCGM_FI_DEV_CLOCKS_EVENT_REASONS",
      "DCGM_FI_DEV_ECC_DBE_VOL_TOTAL",
      "DCGM_FI_DEV_NVLINK_CRC_FLIT_ERROR_COUNT_TOTAL",
      "DCGM_FI_DEV_NVLINK_REPLAY_ERROR_COUNT_TOTAL",
    ]);
    expect(notice).toContain("with key dcgm-metrics.csv");
    expect(notice).toContain("dcgmExporter.config.name");
    expect(notice).toContain("KUBERNETES_VIRTUAL_GPUS=true");
    // The list itself, one `FIELD, type, help` line per field the rules read, as the exporter's counters file.
    expect(notice).toMatch(/^DCGM_EXP_XID_ERRORS_COUNT, gauge, /m);
    expect(notice).toMatch(/^DCGM_FI_DEV_ECC_DBE_VOL_TOTAL, counter, /m);
  });
});

describe("inhibitions", () => {
  it("GIVEN the core pack THEN Alertmanager mutes ZombieGPUProcess on the node where GPUPodMappingBroken fires", () => {
    const { environment } = loadTestEnvironment();
    const { inhibitions } = buildArtifacts(packContext(environment));
    const rules = alertmanagerConfig(environment.settings, inhibitions).inhibit_rules as unknown[];
    expect(rules).toContainEqual({ source_matchers: ['alertname="GPUPodMappingBroken"'], target_matchers: ['alertname="ZombieGPUProcess"'], equal: ["node"] });
  });

  it("GIVEN a pack whose inhibition names an alert no pack defines WHEN building THEN it fails naming it", () => {
    const { environment } = loadTestEnvironment();
    const context = packContext(environment);
    const broken: PackDefinition = { ...(PACKS.core as PackDefinition), inhibitions: [{ source: "GPUPodMappingBroken", target: "NoSuchAlert", equal: ["node"] }] };
    expect(() => buildArtifacts({ ...context, packs: [broken] })).toThrow("an inhibition names alerts that no pack in effect defines: NoSuchAlert");
  });
});
