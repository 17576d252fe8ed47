import { durationSeconds } from "../config/duration.js";
import type { EnvironmentSettings } from "../config/environment-schema.js";
import type { ComponentDefinition } from "../model/stack-model.js";
import { CLUSTER_JOB, type Relabel, type ScrapeConfig } from "../model/scrape-config.js";
import type { StackPlan } from "../model/stack-model.js";
import { replicasOf } from "./high-availability.js";
import { METRICS_PORT_NAME } from "./service-ports.js";
import { prometheusOtlpConfig, prometheusReceivesOtlp } from "./prometheus-otlp.js";

/**
 * The Prometheus configuration (`prometheus.yml`) of an environment, as a plain object.
 * Pure: the Prometheus construct serialises it into a ConfigMap, and tests feed it to promtool.
 * Every path is relative to the configuration file's directory or a fixed in-pod mount, so the
 * same file checks with promtool in a temporary directory that mirrors the mounts.
 */

/** Directory of the rule files, relative to `prometheus.yml` (Prometheus resolves it against the file's directory). */
export const PROMETHEUS_RULES_DIR = "rules";
/** Where the remote-write password Secret is mounted; its key `password` is read through `password_file`. */
export const REMOTE_WRITE_SECRET_DIR = "/etc/prometheus/secrets/remote-write";
export const REMOTE_WRITE_PASSWORD_KEY = "password";

const SERVICE_ACCOUNT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";
/** Longest scrape timeout; shorter scrape intervals (down to 1 s) cap it, since a timeout may not exceed the interval. */
const MAX_SCRAPE_TIMEOUT_SECONDS = 10;

export { CLUSTER_JOB };

/**
 * External label naming the replica under `ha`: the series of the two replicas differ in it (so a
 * querier such as Thanos can deduplicate on it), while alerts drop it (`alert_relabel_configs`) so
 * that Alertmanager receives the same label set from both and notifies once.
 */
export const PROMETHEUS_REPLICA_LABEL = "prometheus_replica";
/** Environment variable holding the pod's name (downward API), expanded in the external label. */
export const POD_NAME_ENV = "POD_NAME";

export function prometheusConfig(stack: StackPlan): Record<string, unknown> {
  const { settings } = stack;
  const interval = settings.scrapeInterval;
  return {
    global: {
      scrape_interval: interval,
      scrape_timeout: scrapeTimeout(interval),
      evaluation_interval: interval,
      // Prometheus 3 expands `${VAR}` in external label values (2.x needed --enable-feature=expand-external-labels).
      external_labels: { cluster: settings.clusterName, ...(replicasOf(settings, "prometheus") > 1 ? { [PROMETHEUS_REPLICA_LABEL]: `\${${POD_NAME_ENV}}` } : {}) },
    },
    rule_files: [`${PROMETHEUS_RULES_DIR}/*.yaml`],
    ...(stack.isDeployed("alertmanager") ? { alerting: alertingConfig(stack) } : {}),
    scrape_configs: scrapeConfigs(stack),
    ...(settings.prometheus.remoteWriteUrl !== "" ? { remote_write: [remoteWrite(settings)] } : {}),
    ...(prometheusReceivesOtlp(stack) ? { otlp: prometheusOtlpConfig() } : {}),
  };
}

/** Every scrape job of an environment: kubelet and cAdvisor, the deployed components (each with its extra jobs), inference pods. */
export function scrapeConfigs(stack: StackPlan): ScrapeConfig[] {
  return [
    kubeletJob(CLUSTER_JOB.kubelet, "/metrics"),
    kubeletJob(CLUSTER_JOB.cadvisor, "/metrics/cadvisor"),
    ...stack.deployed.flatMap((component) => [serviceJob(stack.settings, component), ...(component.scrape.extraJobs?.(stack) ?? [])]),
    ...clusterExporterJobs(stack.settings),
    inferenceJob(),
  ];
}

/**
 * Exporters the cluster already runs that the settings say to read: the GPU Operator's
 * dcgm-exporter (`gpu.exporter: existing`, under `gpu.existingExporterJob`) and Kepler
 * (`energy.kepler`). Found in any namespace through their Services, by the labels the GPU Operator
 * and Kepler's chart put on them; the operator profile leaves them to those projects' ServiceMonitors.
 */
function clusterExporterJobs(settings: EnvironmentSettings): ScrapeConfig[] {
  const jobs: ScrapeConfig[] = [];
  if (settings.gpu.exporter === "existing") {
    jobs.push(discoveredServiceJob(settings.gpu.existingExporterJob, { label: "app", value: "nvidia-dcgm-exporter", port: "gpu-metrics" }));
  }
  if (settings.energy.kepler) {
    jobs.push(discoveredServiceJob(CLUSTER_JOB.kepler, { label: "app.kubernetes.io/name", value: "kepler" }));
  }
  return jobs;
}

/** Endpoints of the Services carrying `label=value` in every namespace (and only their port `port`, if given), with `node` from the pod. */
function discoveredServiceJob(jobName: string, service: { label: string; value: string; port?: string }): ScrapeConfig {
  const label = `__meta_kubernetes_service_label_${service.label.replace(/[^a-zA-Z0-9_]/g, "_")}`;
  return {
    job_name: jobName,
    kubernetes_sd_configs: [{ role: "endpointslice" }],
    relabel_configs: [
      { source_labels: [label], regex: service.value, action: "keep" },
      ...(service.port !== undefined ? [{ source_labels: ["__meta_kubernetes_endpointslice_port_name"], regex: service.port, action: "keep" }] : []),
      NODE_FROM_POD,
    ],
  };
}

function scrapeTimeout(interval: string): string {
  return durationSeconds(interval) < MAX_SCRAPE_TIMEOUT_SECONDS ? interval : `${MAX_SCRAPE_TIMEOUT_SECONDS}s`;
}

/**
 * Alertmanager pods discovered through their Service, so every replica (every peer under `ha`)
 * receives every alert; replicated Prometheus servers drop their replica label from alerts.
 */
function alertingConfig(stack: StackPlan): Record<string, unknown> {
  return {
    ...(replicasOf(stack.settings, "prometheus") > 1 ? { alert_relabel_configs: [{ action: "labeldrop", regex: PROMETHEUS_REPLICA_LABEL }] } : {}),
    alertmanagers: [
      {
        api_version: "v2",
        kubernetes_sd_configs: [{ role: "endpointslice", namespaces: { names: [stack.settings.namespace] } }],
        relabel_configs: [keepServicePort(stack.job("alertmanager"))],
      },
    ],
  };
}

function keepServicePort(service: string): Relabel {
  return {
    source_labels: ["__meta_kubernetes_service_name", "__meta_kubernetes_endpointslice_port_name"],
    regex: `${service};${METRICS_PORT_NAME}`,
    action: "keep",
  };
}

/**
 * Kubelet and cAdvisor on every node's kubelet port, authenticated with the ServiceAccount token
 * (the ClusterRole grants `nodes/metrics`). Kubelet serving certificates are self-signed on most
 * clusters (unless `serverTLSBootstrap` is on), hence no verification; the token is still only
 * sent over TLS.
 */
function kubeletJob(jobName: string, metricsPath: string): ScrapeConfig {
  return {
    job_name: jobName,
    scheme: "https",
    metrics_path: metricsPath,
    authorization: { credentials_file: `${SERVICE_ACCOUNT_DIR}/token` },
    tls_config: { ca_file: `${SERVICE_ACCOUNT_DIR}/ca.crt`, insecure_skip_verify: true },
    kubernetes_sd_configs: [{ role: "node" }],
    relabel_configs: [{ source_labels: ["__meta_kubernetes_node_name"], target_label: "node" }],
    // cAdvisor's own timestamps make staleness handling drop series of restarted containers late.
    ...(jobName === CLUSTER_JOB.cadvisor ? { honor_timestamps: false } : {}),
  };
}

/**
 * A stack component scraped through its Service's endpoints, kept by Service name (= job name)
 * and the metrics port name. No `namespace`/`pod` target labels: kube-state-metrics and
 * dcgm-exporter report the namespace and pod of the objects they describe in those labels.
 */
function serviceJob(settings: EnvironmentSettings, component: ComponentDefinition): ScrapeConfig {
  return namespaceServiceJob(settings, component.name, component.scrape);
}

/** How a Service's endpoints are scraped beyond the defaults (see `ComponentDefinition["scrape"]`). */
type ServiceScrape = Partial<Pick<ComponentDefinition["scrape"], "nodeLevel" | "honorLabels" | "metricRelabelConfigs">>;

/** The `http-metrics` endpoints of a Service of the stack's namespace, under the Service's name as job. */
export function namespaceServiceJob(settings: EnvironmentSettings, service: string, scrape: ServiceScrape = {}): ScrapeConfig {
  const relabel: Relabel[] = [keepServicePort(service)];
  if (scrape.nodeLevel) {
    relabel.push(NODE_FROM_POD);
  }
  const metricRelabel = scrape.metricRelabelConfigs ?? [];
  return {
    job_name: service,
    ...(scrape.honorLabels === true ? { honor_labels: true } : {}),
    kubernetes_sd_configs: [{ role: "endpointslice", namespaces: { names: [settings.namespace] } }],
    relabel_configs: relabel,
    ...(metricRelabel.length > 0 ? { metric_relabel_configs: [...metricRelabel] } : {}),
  };
}

/**
 * Inference pods in any namespace that opt in with `prometheus.io/scrape: "true"`; the
 * `prometheus.io/port`, `/path` and `/scheme` annotations override the defaults. `namespace`,
 * `pod` and (with the `nfops.io/service` annotation) `service` identify the service in SLO rules.
 */
function inferenceJob(): ScrapeConfig {
  return { job_name: CLUSTER_JOB.inference, kubernetes_sd_configs: [{ role: "pod" }], relabel_configs: inferenceRelabelConfigs() };
}

/** Relabelling of annotated inference pods; the operator profile's PodMonitor uses the same rules. */
export function inferenceRelabelConfigs(): Relabel[] {
  const annotation = (name: string) => `__meta_kubernetes_pod_annotation_prometheus_io_${name}`;
  return [
    { source_labels: [annotation("scrape")], regex: "true", action: "keep" },
    { source_labels: ["__meta_kubernetes_pod_phase"], regex: "Succeeded|Failed", action: "drop" },
    { source_labels: [annotation("scheme")], regex: "(https?)", target_label: "__scheme__" },
    { source_labels: [annotation("path")], regex: "(.+)", target_label: "__metrics_path__" },
    // The port annotation replaces the container port; IPv6 addresses need brackets.
    {
      source_labels: [annotation("port"), "__meta_kubernetes_pod_ip"],
      regex: "(\\d+);(([A-Fa-f0-9]{1,4}::?){1,7}[A-Fa-f0-9]{1,4})",
      replacement: "[$2]:$1",
      target_label: "__address__",
    },
    {
      source_labels: [annotation("port"), "__meta_kubernetes_pod_ip"],
      regex: "(\\d+);((([0-9]+?)(\\.|$)){4})",
      replacement: "$2:$1",
      target_label: "__address__",
    },
    { source_labels: ["__meta_kubernetes_namespace"], target_label: "namespace" },
    { source_labels: ["__meta_kubernetes_pod_name"], target_label: "pod" },
    // vLLM, TGI and Triton write no `service` label: the pod names its service with an annotation.
    // Without it nothing is set, so a `service` the application writes itself (nf_infer_*) stays.
    { source_labels: [SERVICE_ANNOTATION_LABEL], regex: "(.+)", target_label: "service" },
    NODE_FROM_POD,
  ];
}

/** Pod annotation naming the service of a serving pod (the `service` label of its series and of `up`). */
const SERVICE_ANNOTATION = "nfops.io/service";
/** The annotation as pod discovery exposes it: every character outside `[a-zA-Z0-9_]` becomes `_`. */
const SERVICE_ANNOTATION_LABEL = `__meta_kubernetes_pod_annotation_${SERVICE_ANNOTATION.replace(/[^a-zA-Z0-9_]/g, "_")}`;

/** `node` from the pod's node name (per-node exporters and inference pods). */
export const NODE_FROM_POD: Relabel = { source_labels: ["__meta_kubernetes_pod_node_name"], target_label: "node" };

/** Remote write with basic auth; the password is read from the user's Secret, never written here. */
function remoteWrite(settings: EnvironmentSettings): Record<string, unknown> {
  const { remoteWriteUrl, remoteWriteSecretName, remoteWriteUsername } = settings.prometheus;
  return {
    url: remoteWriteUrl,
    ...(remoteWriteSecretName !== ""
      ? { basic_auth: { username: remoteWriteUsername, password_file: `${REMOTE_WRITE_SECRET_DIR}/${REMOTE_WRITE_PASSWORD_KEY}` } }
      : {}),
  };
}
