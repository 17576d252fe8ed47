import type { Relabel, ScrapeConfig } from "../model/scrape-config.js";
import type { StackPlan } from "../model/stack-model.js";
import { PROBE_JOB } from "../../rules/probes/catalog.js";

/** Service annotations that opt a Service into probing, and tune its probe. */
export const PROBE_ANNOTATION = {
  /** `"true"`: probe this Service. */
  enabled: "nfops.io/probe",
  /** Module, `http_2xx` when absent. */
  module: "nfops.io/probe-module",
  /** HTTP path, `/` when absent. */
  path: "nfops.io/probe-path",
  /** Port number to probe when the Service has several; every port when absent. */
  port: "nfops.io/probe-port",
  /** `"true"`: EndpointDown is critical. */
  critical: "nfops.io/probe-critical",
} as const;

/** Longest a probe may take; Prometheus' scrape timeout caps it further (the exporter reads it from the request). */
const PROBE_TIMEOUT = "5s";

/**
 * The exporter's modules (`blackbox.yml`); their names are the values `probes[].module` accepts.
 * IPv4 is tried first, with the exporter's fallback to IPv6; ICMP is left out: it needs NET_RAW.
 */
export const BLACKBOX_MODULES = {
  http_2xx: { prober: "http", timeout: PROBE_TIMEOUT, http: { preferred_ip_protocol: "ip4", follow_redirects: true } },
  tcp_connect: { prober: "tcp", timeout: PROBE_TIMEOUT, tcp: { preferred_ip_protocol: "ip4" } },
} as const;

export function blackboxConfig(): Record<string, unknown> {
  return { modules: BLACKBOX_MODULES };
}

/**
 * The probe jobs: each target is asked of the exporter's `/probe` with its `module` and
 * `target` parameters, and keeps its own address as `instance`. Listed probes first (one static
 * target each, labelled `probe`, `module` and, when critical, `critical="true"`), then Services
 * annotated `nfops.io/probe: "true"` in any namespace.
 */
export function probeScrapeJobs(stack: StackPlan): ScrapeConfig[] {
  const exporter = `${stack.job("blackboxExporter")}.${stack.settings.namespace}.svc:${stack.port("blackboxExporter")}`;
  const throughExporter: Relabel[] = [
    { source_labels: ["module"], target_label: "__param_module" },
    { source_labels: ["__param_target"], target_label: "instance" },
    { target_label: "__address__", replacement: exporter },
  ];
  const { probes } = stack.settings;
  return [
    ...(probes.length > 0
      ? [
          {
            job_name: PROBE_JOB.listed,
            metrics_path: "/probe",
            static_configs: probes.map((probe) => ({
              targets: [probe.url],
              labels: { probe: probe.name, module: probe.module, ...(probe.critical ? { critical: "true" } : {}) },
            })),
            relabel_configs: [{ source_labels: ["__address__"], target_label: "__param_target" }, ...throughExporter],
          },
        ]
      : []),
    {
      job_name: PROBE_JOB.services,
      metrics_path: "/probe",
      kubernetes_sd_configs: [{ role: "service" }],
      relabel_configs: [...annotatedServiceTargets(), ...throughExporter],
    },
  ];
}

/** Relabelling of annotated Services (`role: service` gives one target per Service port, `<service>.<namespace>.svc:<port>`). */
function annotatedServiceTargets(): Relabel[] {
  const annotation = (name: string) => `__meta_kubernetes_service_annotation_${name.replace(/[^a-zA-Z0-9]/g, "_")}`;
  return [
    { source_labels: [annotation(PROBE_ANNOTATION.enabled)], regex: "true", action: "keep" },
    // The port annotation, else every port: keep targets whose port equals it.
    { source_labels: ["__meta_kubernetes_service_port_number"], target_label: "__tmp_probe_port" },
    { source_labels: [annotation(PROBE_ANNOTATION.port)], regex: "(.+)", target_label: "__tmp_probe_port" },
    { source_labels: ["__meta_kubernetes_service_port_number"], target_label: "__tmp_probe_port", action: "keepequal" },
    { target_label: "module", replacement: "http_2xx" },
    { source_labels: [annotation(PROBE_ANNOTATION.module)], regex: "(.+)", target_label: "module" },
    { target_label: "__tmp_probe_path", replacement: "/" },
    { source_labels: [annotation(PROBE_ANNOTATION.path)], regex: "(.+)", target_label: "__tmp_probe_path" },
    // HTTP modules probe a URL, TCP ones an address.
    { source_labels: ["module", "__address__", "__tmp_probe_path"], regex: "http_.+;(.+);(.*)", replacement: "http://$1$2", target_label: "__param_target" },
    { source_labels: ["module", "__address__"], regex: "tcp_.+;(.+)", replacement: "$1", target_label: "__param_target" },
    { source_labels: [annotation(PROBE_ANNOTATION.critical)], regex: "true", replacement: "true", target_label: "critical" },
    { source_labels: ["__meta_kubernetes_namespace"], target_label: "namespace" },
    { source_labels: ["__meta_kubernetes_service_name"], target_label: "service" },
    { source_labels: ["__meta_kubernetes_service_name"], target_label: "probe" },
  ];
}
