import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { COMPONENTS } from "../../src/components/component-table.js";
import { CLUSTER_JOB, prometheusConfig, scrapeConfigs } from "../../src/components/prometheus-config.js";
import { ruleFileYaml } from "../../src/model/artifacts.js";
import { toYaml } from "../../src/model/serialize.js";
import { loadTestStack } from "../helpers/component-objects.js";
import { promtoolCheckConfig as promtoolCheck } from "../helpers/promtool-config.js";
import { relabel } from "../helpers/relabel.js";

type Json = Record<string, unknown>;
const KUBERNETES_SD_ROLES = new Set(["node", "pod", "service", "endpoints", "endpointslice", "ingress"]);

function jobs(config: Json): Json[] {
  return config.scrape_configs as Json[];
}

describe("prometheus configuration", () => {
  it("GIVEN the default environment and its rule files WHEN promtool checks the configuration THEN it is valid and loads every rule file", () => {
    const { stack, artifacts } = loadTestStack("");
    const { ruleFiles } = artifacts;
    const result = promtoolCheck(prometheusConfig(stack), Object.fromEntries(ruleFiles.map((f) => [`${f.name}.yaml`, ruleFileYaml(f)])));
    expect(result.output).toContain(`SUCCESS: ${ruleFiles.length} rule files found`);
    expect(result.status, result.output).toBe(0);
  });

  it("GIVEN remote write with a Secret and a 1 s interval WHEN promtool checks THEN it is valid, the password is a file and the timeout fits the interval", () => {
    const { stack } = loadTestStack(
      "scrapeInterval: 1s\nprometheus:\n  remoteWriteUrl: https://metrics.example.com/api/v1/write\n  remoteWriteSecretName: rw\n  remoteWriteUsername: tenant-1\n",
    );
    const config = prometheusConfig(stack);
    expect(config.global).toMatchObject({ scrape_interval: "1s", scrape_timeout: "1s", evaluation_interval: "1s" });
    expect(config.remote_write).toEqual([
      {
        url: "https://metrics.example.com/api/v1/write",
        basic_auth: { username: "tenant-1", password_file: "/etc/prometheus/secrets/remote-write/password" },
      },
    ]);
    const result = promtoolCheck(config, {});
    expect(result.status, result.output).toBe(0);
  });

  it("GIVEN the default environment WHEN building scrape jobs THEN every component, kubelet, cAdvisor and inference has its JOB name and the cluster label is external", () => {
    const config = prometheusConfig(loadTestStack("clusterName: gpu-a\n").stack);
    const { stack } = loadTestStack("clusterName: gpu-a\n");
    // Every component the default deploys: all of the table but Thanos, which only `longTermStorage` brings, and the Pushgateway, which comes with `benchmark`.
    expect(COMPONENTS.filter((c) => !stack.deployed.includes(c)).map((c) => c.key)).toEqual(["thanosQuery", "thanosStore", "thanosCompactor", "pushgateway"]);
    const componentJobs = stack.deployed.flatMap((c) => [c.name, ...(c.scrape.extraJobs?.(stack) ?? []).map((j) => j.job_name)]);
    const clusterJobs = Object.values(CLUSTER_JOB).filter((job) => job !== CLUSTER_JOB.kepler);
    expect(jobs(config).map((j) => j.job_name).sort()).toEqual([...componentJobs, ...clusterJobs].sort());
    expect(config.global).toMatchObject({ external_labels: { cluster: "gpu-a" }, scrape_timeout: "10s" });
    expect(config.alerting).toBeDefined();
  });

  it("GIVEN the GPU Operator's exporter and Kepler WHEN building THEN the stack's dcgm-exporter is gone and both are found by their Services in every namespace", () => {
    const { stack } = loadTestStack("gpu: { exporter: existing, existingExporterJob: gpu-operator-dcgm }\nenergy: { kepler: true }\n");
    const byName = new Map(scrapeConfigs(stack).map((j) => [j.job_name, j]));
    expect(byName.has("dcgm-exporter")).toBe(false);
    expect(byName.get("gpu-operator-dcgm")).toEqual({
      job_name: "gpu-operator-dcgm",
      kubernetes_sd_configs: [{ role: "endpointslice" }],
      relabel_configs: [
        { source_labels: ["__meta_kubernetes_service_label_app"], regex: "nvidia-dcgm-exporter", action: "keep" },
        { source_labels: ["__meta_kubernetes_endpointslice_port_name"], regex: "gpu-metrics", action: "keep" },
        { source_labels: ["__meta_kubernetes_pod_node_name"], target_label: "node" },
      ],
    });
    expect(byName.get(CLUSTER_JOB.kepler)?.relabel_configs).toContainEqual({ source_labels: ["__meta_kubernetes_service_label_app_kubernetes_io_name"], regex: "kepler", action: "keep" });
  });

  it("GIVEN disabled dcgm-exporter and Alertmanager WHEN building THEN neither is scraped and no alerting block exists", () => {
    const { stack } = loadTestStack("components:\n  dcgmExporter: false\n  alertmanager: false\n");
    const names = scrapeConfigs(stack).map((j) => j.job_name);
    expect(names).not.toContain("dcgm-exporter");
    expect(names).not.toContain("alertmanager");
    expect(prometheusConfig(stack).alerting).toBeUndefined();
  });

  it("GIVEN every job WHEN reading its service discovery THEN roles are valid, component jobs stay in the namespace and keep only the metrics port", () => {
    const { stack } = loadTestStack("namespace: mon\n");
    for (const job of scrapeConfigs(stack)) {
      for (const sd of job.kubernetes_sd_configs as Json[]) {
        expect(KUBERNETES_SD_ROLES.has(String(sd.role)), `${job.job_name} role ${String(sd.role)}`).toBe(true);
        if (sd.role === "endpointslice") expect(sd.namespaces).toEqual({ names: ["mon"] });
      }
      for (const relabel of job.relabel_configs as Json[]) {
        // RE2 (Prometheus) and JavaScript agree on the constructs used here; a typo fails both.
        if (typeof relabel.regex === "string") expect(() => new RegExp(relabel.regex as string)).not.toThrow();
      }
    }
    const dcgm = scrapeConfigs(stack).find((j) => j.job_name === "dcgm-exporter");
    expect(dcgm?.relabel_configs).toEqual([
      { source_labels: ["__meta_kubernetes_service_name", "__meta_kubernetes_endpointslice_port_name"], regex: "dcgm-exporter;http-metrics", action: "keep" },
      { source_labels: ["__meta_kubernetes_pod_node_name"], target_label: "node" },
    ]);
    // kube-state-metrics reports other objects' namespace/pod: the job must not add its own.
    const ksm = scrapeConfigs(stack).find((j) => j.job_name === "kube-state-metrics");
    expect(JSON.stringify(ksm)).not.toMatch(/"target_label":"(namespace|pod)"/);
  });

  it("GIVEN an annotated pod's discovery labels WHEN applying the inference relabelling THEN the port and path annotations win and namespace/pod are kept", () => {
    const job = scrapeConfigs(loadTestStack("").stack).find((j) => j.job_name === CLUSTER_JOB.inference);
    const labels: Record<string, string> = {
      __address__: "10.1.2.3:8080",
      __meta_kubernetes_pod_ip: "10.1.2.3",
      __meta_kubernetes_pod_phase: "Running",
      __meta_kubernetes_pod_annotation_prometheus_io_scrape: "true",
      __meta_kubernetes_pod_annotation_prometheus_io_port: "9102",
      __meta_kubernetes_pod_annotation_prometheus_io_path: "/custom",
      __meta_kubernetes_namespace: "serving",
      __meta_kubernetes_pod_name: "llm-0",
      __meta_kubernetes_pod_node_name: "gpu-1",
    };
    const result = relabel(labels, job?.relabel_configs as Json[]);
    expect(result).toMatchObject({ __address__: "10.1.2.3:9102", __metrics_path__: "/custom", namespace: "serving", pod: "llm-0", node: "gpu-1" });
    expect(relabel({ ...labels, __meta_kubernetes_pod_annotation_prometheus_io_scrape: "false" }, job?.relabel_configs as Json[])).toBeUndefined();
    // No service annotation: no `service` target label, so one the application writes (nf_infer_*) is kept as is.
    expect(result).not.toHaveProperty("service");
    // vLLM, TGI and Triton write none: the nfops.io/service annotation names it.
    expect(relabel({ ...labels, __meta_kubernetes_pod_annotation_nfops_io_service: "chat" }, job?.relabel_configs as Json[])).toMatchObject({ service: "chat", namespace: "serving" });
  });

  it("GIVEN the generated file WHEN parsed back THEN it round-trips and holds no credentials", () => {
    const text = toYaml(prometheusConfig(loadTestStack("prometheus:\n  remoteWriteUrl: https://x.example/w\n  remoteWriteSecretName: rw\n").stack));
    expect(parse(text)).toBeTypeOf("object");
    expect(text).not.toMatch(/password:|bearer_token:|credentials:/);
  });
});
