/**
 * Contracts with the programs that write the series the packs read. Each external catalog entry
 * carries an `InputContract` (who writes it, when it appears, what turns it on); the producer's
 * own facts (the source it was read from, the labels the rules rely on and how they go wrong) are
 * in `INPUT_PRODUCERS` below. The InputMetricsMissing / InputLabelsMissing alerts, `nfops synth`'s
 * advice for exporters the user runs, `nfops doctor` and the contract fixtures
 * (tests/fixtures/contracts/) are all derived from these two.
 */

import { TGI_REQUEST_EVIDENCE } from "./serving-servers.js";

/**
 * The producers this project knows of itself. A pack reading another program declares it in the pack
 * (`PackDefinition.producers`), so the producer of an input contract is any id.
 */
export const INPUT_PRODUCER_IDS = [
  "dcgm-exporter",
  "node-exporter",
  "kube-state-metrics",
  "kubelet",
  "cadvisor",
  "kepler",
  "vllm",
  "tgi",
  "triton",
  "inference-services",
  "blackbox-exporter",
  "pushgateway",
  "cost-exporter",
  "thanos-compactor",
  "thanos-store",
  "thanos-query",
  "loki",
  "tempo",
  "grafana",
  "genai-applications",
] as const;
export type BuiltInProducerId = (typeof INPUT_PRODUCER_IDS)[number];
/** A built-in producer, or one a pack declares. */
export type InputProducerId = BuiltInProducerId | (string & Record<never, never>);

/**
 * When a series appears: `eager` from the producer's first scrape on; `lazy` only after the first
 * event it counts (no traffic, no series: its absence says nothing); `optional` only on some
 * hardware or settings (profiling fields, NVLink), so its absence is not a broken contract either.
 */
export type Registration = "eager" | "lazy" | "optional";

/** The contract of one external metric, in its catalog entry. */
export interface InputContract {
  readonly producer: InputProducerId;
  readonly registration: Registration;
  /** The exporter flag, field or setting that makes the producer write it, as the user would set it. */
  readonly enabledBy: string;
  /**
   * Producer behaviour that changes the arithmetic: counted twice, labels set by the scraper, renamed in a release.
   * @default none
   */
  readonly quirks?: readonly string[];
  /**
   * Label values the producer writes on some series of the metric whenever it writes the metric at
   * all, among the series the packs read (node-exporter's idle time of CPU 0, one series of a node's
   * eight per CPU): the presence checks select only those series, so they read a fraction of the metric.
   * @default every series of the metric
   */
  readonly alwaysWith?: Readonly<Record<string, string>>;
}

/** Where a fact was read: repository, file, and the tag or commit. */
export interface SourceCitation {
  readonly repo: string;
  readonly file: string;
  readonly version: string;
}

/**
 * A relied-on label gone wrong on a producer's series: `matcher` selects the series that break the
 * contract (an empty `node`, a `pod` that is the exporter's own), `problem` says what the rules then
 * get wrong, `fix` what to change.
 */
export interface LabelCheck {
  readonly metric: string;
  readonly label: string;
  readonly matcher: string;
  readonly problem: string;
  readonly fix: string;
  /**
   * Why it breaks: the label is `unset` (nobody writes it), or the scrape's `target-labels` took
   * the exporter's place (honorLabels on an exporter with empty holder labels, or none on one that
   * describes other objects, which moves its own labels to `exported_*`).
   */
  readonly cause: "unset" | "target-labels";
  /** Labels of a series that breaks the check, as the producer writes it in the broken setup (tests and fixtures use it). */
  readonly broken: Readonly<Record<string, string>>;
}

export interface InputProducer {
  readonly id: InputProducerId;
  readonly displayName: string;
  /** Source files (and versions) the contracts of this producer were read from. */
  readonly checkedAgainst: readonly SourceCitation[];
  /** Labels the rules rely on that the scraper adds, not the producer. */
  readonly scraperLabels: readonly string[];
  /**
   * For producers that share a scrape job with others (the model servers under `inference`): an
   * eager series only this producer writes, whose presence on a target says the target is one of
   * its. Its own absence cannot be told from "no such server", so it is never reported missing.
   * @default none: the producer has a job of its own, and `up` says it is there
   */
  readonly marker?: string;
  readonly labelChecks: readonly LabelCheck[];
}

/** The pinned image (src/components/dcgm-exporter.ts), the one the GPU Operator v26.3.3 ships. */
const DCGM_VERSION = "4.5.3-4.8.2";

const DCGM_SOURCES: readonly SourceCitation[] = [
  { repo: "NVIDIA/dcgm-exporter", file: "etc/default-counters.csv", version: DCGM_VERSION },
  { repo: "NVIDIA/dcgm-exporter", file: "etc/dcp-metrics-included.csv (the GPU Operator's default collectors file)", version: DCGM_VERSION },
  { repo: "NVIDIA/dcgm-exporter", file: "internal/pkg/transformation/kubernetes.go (PodMapper.Process: pod, namespace, container only on GPUs a pod holds; with --kubernetes-virtual-gpus one series per sharing pod)", version: DCGM_VERSION },
  { repo: "NVIDIA/dcgm-exporter", file: "internal/pkg/transformation/process_metrics.go, pidmapper.go (per-pod utilisation and memory from the GPU's processes, mapped to pods through /proc/<pid>/cgroup)", version: DCGM_VERSION },
];

/** Pods of dcgm-exporter itself: this stack's DaemonSet and the GPU Operator's (`nvidia-dcgm-exporter-…`). */
export const DCGM_EXPORTER_POD_PATTERN = ".*dcgm-exporter.*";

/** The serving pods' `service` label, which the inference scrape copies from their `nfops.io/service` annotation. */
function withoutService(metric: string, what: string): LabelCheck {
  return {
    metric,
    label: "service",
    matcher: 'service=""',
    problem: `${what} series without \`service\`: SLOs and the llm pack group by namespace and service, so this server's traffic is counted nowhere`,
    fix: "annotate the serving pods `nfops.io/service: <name>` (the inference scrape copies it to `service`)",
    cause: "unset",
    broken: { service: "" },
  };
}

/** TGI's marker: `_count` of its input-length histogram, the request evidence of its lazily registered SLO inputs. */
const TGI_MARKER = TGI_REQUEST_EVIDENCE;

/** Producers of this stack's own servers (deployed at the pinned versions of `src/components/`): no relabelled labels to check. */
function ownServer(id: BuiltInProducerId, displayName: string, checkedAgainst: readonly SourceCitation[]): InputProducer {
  return { id, displayName, checkedAgainst, scraperLabels: [], labelChecks: [] };
}

const THANOS = { repo: "thanos-io/thanos", version: "v0.41.0" };
/** Loki v3.5.3 and Tempo v2.8.2 serve requests through dskit, whose histogram is labelled per route at the first request. */
const DSKIT_SERVER = "vendor/github.com/grafana/dskit/server/metrics.go (request_duration_seconds per method, route, status_code: created at a route's first request)";

export const INPUT_PRODUCERS: Readonly<Record<BuiltInProducerId, InputProducer>> = {
  "dcgm-exporter": {
    id: "dcgm-exporter",
    displayName: "dcgm-exporter",
    checkedAgainst: DCGM_SOURCES,
    scraperLabels: ["node"],
    labelChecks: [
      {
        metric: "DCGM_FI_DEV_GPU_UTIL",
        label: "node",
        matcher: 'node=""',
        problem: "GPU series without `node`: per-node GPU panels, GPUPodMappingBroken and the power joins lose the node",
        fix: "add `node` at scrape time from the pod's node: relabel `__meta_kubernetes_pod_node_name` (or `__meta_kubernetes_endpointslice_endpoint_node_name`) to `node`",
        cause: "unset",
        broken: { node: "" },
      },
      {
        metric: "DCGM_FI_DEV_GPU_UTIL",
        label: "pod",
        matcher: `pod=~"${DCGM_EXPORTER_POD_PATTERN}"`,
        problem:
          "GPU series whose `namespace`/`pod` are the exporter's own: the target labels of the scrape won over the exporter's empty holder labels (honorLabels on a ServiceMonitor), so unheld GPUs look held by the exporter and are billed to its namespace",
        fix: "keep the scrape's target labels namespace, pod, container out of the exporter's holder labels (docs/stack.md \"Operator profile\" gives the ServiceMonitor's exact relabelings)",
        cause: "target-labels",
        broken: { namespace: "gpu-operator", pod: "nvidia-dcgm-exporter-x7k2p", container: "nvidia-dcgm-exporter" },
      },
    ],
  },
  "node-exporter": {
    id: "node-exporter",
    displayName: "node-exporter",
    checkedAgainst: [
      { repo: "prometheus/node_exporter", file: "collector/cpu_linux.go, collector/meminfo.go, collector/filesystem_common.go, collector/uname.go", version: "v1.9.1 (recorded from the Debian binary 1.5.0)" },
      { repo: "prometheus-community/helm-charts", file: "charts/kube-prometheus-stack/values.yaml (nodeExporter ServiceMonitor relabelings: none by default)", version: "kube-prometheus-stack-75.x" },
    ],
    scraperLabels: ["node"],
    labelChecks: [
      {
        metric: "node_cpu_seconds_total",
        label: "node",
        matcher: 'node=""',
        problem: "node-exporter series without `node`: nf_cpu_percent becomes one mean over the cluster, HighCPUUsage misses a hot node and node names render empty",
        fix: "relabel `__meta_kubernetes_pod_node_name` to `node` in the node-exporter scrape (kube-prometheus-stack: prometheus-node-exporter.prometheus.monitor.relabelings)",
        cause: "unset",
        broken: { node: "" },
      },
    ],
  },
  "kube-state-metrics": {
    id: "kube-state-metrics",
    displayName: "kube-state-metrics",
    checkedAgainst: [
      { repo: "kubernetes/kube-state-metrics", file: "internal/store/pod.go, internal/store/node.go (kube_pod_container_resource_requests carries node; kube_node_labels only allowlisted labels)", version: "v2.16.0" },
    ],
    scraperLabels: [],
    labelChecks: [
      {
        metric: "kube_pod_container_resource_requests",
        label: "namespace",
        matcher: 'exported_namespace!=""',
        problem: "kube-state-metrics series whose `namespace` is the exporter's own (target label) and the object's moved to exported_namespace: GPU requests and pod phases are charged to the wrong namespace",
        fix: "scrape kube-state-metrics with honor_labels: true (ServiceMonitor honorLabels: true), as kube-prometheus-stack does",
        cause: "target-labels",
        broken: { namespace: "monitoring", exported_namespace: "ml-team" },
      },
    ],
  },
  kubelet: {
    id: "kubelet",
    displayName: "kubelet",
    checkedAgainst: [{ repo: "kubernetes/kubernetes", file: "pkg/kubelet/metrics/collectors/volume_stats.go, pkg/kubelet/metrics/metrics.go", version: "v1.33.0" }],
    scraperLabels: ["node"],
    labelChecks: [
      {
        metric: "kubelet_running_pods",
        label: "node",
        matcher: 'node=""',
        problem: "kubelet series without `node`: KubeletDown and KubeletTooManyPods cannot name the node",
        fix: "relabel `__meta_kubernetes_node_name` to `node` in the kubelet scrape",
        cause: "unset",
        broken: { node: "" },
      },
    ],
  },
  cadvisor: {
    id: "cadvisor",
    displayName: "cAdvisor (in the kubelet)",
    checkedAgainst: [{ repo: "google/cadvisor", file: "metrics/prometheus.go (container_* with namespace, pod, container from the kubelet's labels)", version: "v0.52.1" }],
    scraperLabels: ["node"],
    labelChecks: [
      {
        metric: "container_cpu_usage_seconds_total",
        label: "node",
        matcher: 'node=""',
        problem: "cAdvisor series without `node`: per-node CPU and memory of workloads cannot be joined to nodes",
        fix: "relabel `__meta_kubernetes_node_name` to `node` in the cAdvisor scrape (`/metrics/cadvisor` on the kubelet)",
        cause: "unset",
        broken: { node: "" },
      },
    ],
  },
  kepler: {
    id: "kepler",
    displayName: "Kepler",
    checkedAgainst: [{ repo: "sustainable-computing-io/kepler", file: "internal/exporter/prometheus/collector/power_collector.go (pod energy is the active share; idle energy is per node only)", version: "v0.10.2" }],
    scraperLabels: [],
    labelChecks: [
      {
        metric: "kepler_pod_cpu_joules_total",
        label: "pod_namespace",
        matcher: 'pod_namespace=""',
        problem: "Kepler pod energy without `pod_namespace`: it cannot be charged to a namespace",
        fix: "run Kepler 0.10 or later (earlier releases name the label container_namespace)",
        cause: "unset",
        broken: { pod_namespace: "" },
      },
    ],
  },
  vllm: {
    id: "vllm",
    displayName: "vLLM",
    checkedAgainst: [{ repo: "vllm-project/vllm", file: "vllm/v1/metrics/loggers.py (counters created per model and engine at start; finished_reason children eager)", version: "0.10 (005a810bc40f)" }],
    scraperLabels: ["namespace", "service", "pod"],
    marker: "vllm:num_requests_waiting",
    labelChecks: [
      withoutService("vllm:num_requests_waiting", "vLLM"),
    ],
  },
  tgi: {
    id: "tgi",
    displayName: "Text Generation Inference",
    checkedAgainst: [
      { repo: "huggingface/text-generation-inference", file: "router/src/server.rs (metrics::counter! at first use: tgi_request_count twice per OpenAI-compatible request)", version: "v3.3.7" },
    ],
    scraperLabels: ["namespace", "service", "pod"],
    // Every generate request is validated, which observes its input length (router/src/validation.rs @ v3.3.7),
    // so the first request of any kind creates it; tgi_request_count would too, but no rule reads that double count.
    marker: TGI_MARKER,
    labelChecks: [
      withoutService(TGI_MARKER, "TGI"),
    ],
  },
  triton: {
    id: "triton",
    displayName: "Triton Inference Server",
    checkedAgainst: [{ repo: "triton-inference-server/core", file: "src/metric_model_reporter.cc (per-model families created when a model loads)", version: "6370c433e5be" }],
    scraperLabels: ["namespace", "service", "pod"],
    marker: "nv_inference_request_success",
    labelChecks: [
      withoutService("nv_inference_request_success", "Triton"),
    ],
  },
  "inference-services": {
    id: "inference-services",
    displayName: "inference services (nf_infer_* contract)",
    checkedAgainst: [{ repo: "nfops-observability", file: "docs/slos.md \"SLOs\" (the nf_infer_* source)", version: "this repository" }],
    scraperLabels: ["namespace", "service", "pod"],
    marker: "nf_infer_requests_total",
    labelChecks: [
      withoutService("nf_infer_requests_total", "nf_infer_*"),
    ],
  },
  "blackbox-exporter": {
    id: "blackbox-exporter",
    displayName: "blackbox exporter",
    checkedAgainst: [{ repo: "prometheus/blackbox_exporter", file: "prober/handler.go, prober/http.go (probe_success, probe_duration_seconds, probe_http_status_code)", version: "v0.27.0 (recorded from the Debian binary 0.23.0)" }],
    scraperLabels: ["probe", "module", "critical"],
    labelChecks: [
      {
        metric: "probe_success",
        label: "probe",
        matcher: 'probe=""',
        problem: "probe series without `probe`: EndpointDown cannot say which endpoint failed",
        fix: "keep the probe jobs' relabelling that sets `probe` (the stack's probes and probe-services jobs do)",
        cause: "unset",
        broken: { probe: "" },
      },
    ],
  },
  pushgateway: {
    id: "pushgateway",
    displayName: "Pushgateway",
    checkedAgainst: [{ repo: "prometheus/pushgateway", file: "storage/diskmetricstore.go (pushed groups keep job and grouping labels; push_time_seconds per group)", version: "v1.11.3 (recorded from the Debian binary 1.5.1)" }],
    scraperLabels: [],
    labelChecks: [
      {
        metric: "push_time_seconds",
        label: "job",
        matcher: 'exported_job!=""',
        problem: "pushed series whose `job` is the Pushgateway's own and the push's moved to exported_job: the benchmark rules cannot tell runs apart",
        fix: "scrape the Pushgateway with honor_labels: true",
        cause: "target-labels",
        broken: { job: "pushgateway", exported_job: "benchmark" },
      },
    ],
  },
  "cost-exporter": {
    id: "cost-exporter",
    displayName: "nfops cost exporter",
    checkedAgainst: [{ repo: "nfops-observability", file: "src/exporter/metric-catalog.ts", version: "this repository" }],
    scraperLabels: [],
    labelChecks: [
      {
        metric: "nf_electricity_price_usd_per_kwh",
        label: "region",
        matcher: 'region=""',
        problem: "electricity prices without `region`: the cost rules read the environment's region and find none",
        fix: "check pricing/electricity.yaml: every region needs a name",
        cause: "unset",
        broken: { region: "" },
      },
    ],
  },
  "thanos-compactor": ownServer("thanos-compactor", "Thanos compactor", [
    { ...THANOS, file: "cmd/thanos/compact.go (thanos_compact_halted set to 0 and thanos_compact_iterations_total created at start)" },
  ]),
  "thanos-store": ownServer("thanos-store", "Thanos store gateway", [
    { ...THANOS, file: "pkg/server/grpc/grpc.go (met.InitializeMetrics: grpc_server_* for every method and code at start)" },
    { repo: "thanos-io/objstore", file: "objstore.go WrapWithMetrics (objstore_bucket_operations_total and _failures_total for every operation at start; thanos v0.41.0 pins 71d60dfee488)", version: "0548f4f14ab5" },
  ]),
  "thanos-query": ownServer("thanos-query", "Thanos query", [
    { ...THANOS, file: "pkg/extgrpc/client.go (grpc_client_* from go-grpc-middleware's client metrics: a method's series at its first call)" },
  ]),
  loki: ownServer("loki", "Loki", [
    { repo: "grafana/loki", file: DSKIT_SERVER, version: "v3.5.3" },
    { repo: "grafana/loki", file: "pkg/validation/validate.go (loki_discarded_samples_total per reason and tenant at the first discard)", version: "v3.5.3" },
    { repo: "grafana/loki", file: "pkg/storage/chunk/client/aws/s3_storage_client.go, gcp/instrumentation.go, azure/blob_storage_client.go (one client per objectStorage.type)", version: "v3.5.3" },
  ]),
  tempo: ownServer("tempo", "Tempo", [
    { repo: "grafana/tempo", file: DSKIT_SERVER, version: "v2.8.2" },
    { repo: "grafana/tempo", file: "modules/overrides/discarded_spans.go, tempodb/backend/instrumentation/backend_transports.go", version: "v2.8.2" },
  ]),
  grafana: ownServer("grafana", "Grafana", [
    { repo: "grafana/grafana", file: "pkg/infra/httpclient/httpclientprovider/datasource_metrics_middleware.go (per datasource, at its first answered request)", version: "12.x" },
  ]),
  "genai-applications": {
    id: "genai-applications",
    displayName: "applications instrumented with OTel GenAI (through the collector)",
    checkedAgainst: [
      { repo: "open-telemetry/semantic-conventions", file: "model/gen-ai/metrics.yaml, model/gen-ai/registry.yaml", version: "v1.36.0, v1.37.0" },
      { repo: "prometheus/prometheus", file: "storage/remote/otlptranslator/prometheusremotewrite/ (OTLP names and resource attributes to labels)", version: "v3.5.0" },
    ],
    scraperLabels: [],
    labelChecks: [
      {
        metric: "gen_ai_client_token_usage_count",
        label: "k8s_namespace_name",
        matcher: 'k8s_namespace_name=""',
        problem: "GenAI series without `k8s_namespace_name`: the application's tokens and cost are charged to no namespace",
        fix: "set the resource attribute k8s.namespace.name in the application's SDK (OTEL_RESOURCE_ATTRIBUTES) or with the collector's k8sattributes processor; Prometheus promotes it to a label",
        cause: "unset",
        broken: { k8s_namespace_name: "" },
      },
    ],
  },
};

/** `input` of a series an application pushes over OTLP: none exists before its first GenAI call. */
export const GENAI_INPUT: InputContract = {
  producer: "genai-applications",
  registration: "lazy",
  enabledBy: "the application's OTel GenAI instrumentation exporting OTLP to the collector, which forwards it to Prometheus's OTLP endpoint",
};

/** `input` of an entry dcgm-exporter writes: a field of its collectors file. */
export function dcgmInput(field: string, registration: Registration = "eager"): InputContract {
  const enabledBy =
    field === "DCGM_EXP_XID_ERRORS_COUNT"
      ? "`DCGM_EXP_XID_ERRORS_COUNT, gauge, …` in the collectors file (-f); counted over --xid-count-window-size"
      : `\`${field}\` in the collectors file (-f / DCGM_EXPORTER_COLLECTORS)`;
  return {
    producer: "dcgm-exporter",
    registration,
    enabledBy,
    quirks: DCGM_QUIRKS,
    // DCGM numbers the GPUs it finds from 0 (dcgmlib/src/DcgmCacheManager.cpp MergeNewlyDetectedGpuList @ v4.5.3),
    // dcgm-exporter watches ids 0 to the count (internal/pkg/deviceinfo/device_info.go, --devices f by default) and
    // labels each series with its id (collector/gpu_collector.go @ 4.5.3-4.8.2; MIG instances with their GPU's).
    // A field it writes for any GPU it writes for GPU 0, unless GPU 0 is lost, when the check fires for that node.
    ...(registration === "eager" ? { alwaysWith: { gpu: "0" } } : {}),
  };
}

/** internal/pkg/transformation/kubernetes.go, process_metrics.go, pidmapper.go and internal/pkg/collector/expcollector.go @ 4.5.3-4.8.2. */
const DCGM_QUIRKS: readonly string[] = [
  "pod, namespace and container are written only on GPUs a pod holds: an unheld GPU keeps the device's series with them empty, so any target label of the scrape with those names fills them",
  "without --kubernetes-virtual-gpus a shared GPU (time-slicing, MPS) is labelled with one of its pods only (toDeviceToPod keeps one pod per device), which then pays for the whole GPU",
  "with --kubernetes-virtual-gpus (as deployed) DCGM_FI_DEV_GPU_UTIL and DCGM_FI_DEV_FB_USED of a held GPU come twice over: the device's series without pod, and one per holding pod carrying that pod's own use and `pod_uid` (and `vgpu` for a time-slicing replica) (isPerProcessMetric); every other field is repeated once per holding pod with the device's value",
  "per-pod use needs hostPID: true (GPU processes are mapped to pods through /proc/<pid>/cgroup); the deployed DaemonSet sets it",
  "only pods holding nvidia.com/gpu, MIG resources or a resource named with --nvidia-resource-names are mapped (deployed: --nvidia-resource-names=nvidia.com/gpu.shared, the renamed time-slicing resource)",
  "DCGM_EXP_XID_ERRORS_COUNT has a series only for GPUs and codes with an XID in the window (expcollector.go)",
];

/** node_exporter's collector of each metric prefix the packs read (collector/cpu_linux.go, meminfo.go, filesystem_common.go, uname.go @ v1.9.1). */
const NODE_EXPORTER_COLLECTORS: readonly (readonly [prefix: string, collector: string])[] = [
  ["node_cpu_", "cpu"],
  ["node_memory_", "meminfo"],
  ["node_filesystem_", "filesystem"],
  ["node_uname_", "uname"],
];

/** The collector of node_exporter that writes a metric, by its prefix. */
export function nodeExporterCollector(metric: string): string {
  const found = NODE_EXPORTER_COLLECTORS.find(([prefix]) => metric.startsWith(prefix));
  if (!found) throw new Error(`no node_exporter collector known for ${metric}`);
  return found[1];
}

export function nodeExporterInput(metric: string): InputContract {
  const collector = nodeExporterCollector(metric);
  return {
    producer: "node-exporter",
    registration: "eager",
    enabledBy: `collector ${collector} (on by default; --no-collector.${collector} turns it off)`,
    // collector/cpu_linux.go updateStat @ v1.9.1: eight modes, idle among them, for every CPU that /proc/stat lists, labelled
    // with its number; the kernel lists every online CPU (fs/proc/stat.c show_stat), and CPU 0, the boot CPU, is online
    // unless taken offline on purpose (then the check fires). nf_cpu_percent reads the idle time of every CPU, 0 included.
    ...(metric === "node_cpu_seconds_total" ? { alwaysWith: { mode: "idle", cpu: "0" } } : {}),
  };
}

/** kube-state-metrics writes one family per resource, from its first list of the objects. */
export function kubeStateMetricsInput(metric: string): InputContract {
  const resource = metric.replace(/^kube_/, "").split("_")[0] ?? "";
  const plural = resource === "horizontalpodautoscaler" ? "horizontalpodautoscalers" : `${resource}s`;
  // A family of objects a cluster may not have (no Job, no HPA, no quota) has no series: that is not a broken contract.
  const objectsAlwaysExist = ["pod", "node", "deployment", "daemonset", "replicaset"].includes(resource);
  // internal/store/pod.go @ v2.16.0: a container has these only while waiting, or once it has terminated.
  const perEvent = ["kube_pod_container_status_waiting_reason", "kube_pod_container_status_last_terminated_reason"].includes(metric);
  return {
    producer: "kube-state-metrics",
    registration: objectsAlwaysExist && !perEvent ? "eager" : "lazy",
    enabledBy: `--resources including ${plural} (default: all)${metric === "kube_node_labels" ? "; --metric-labels-allowlist=nodes=[nvidia.com/gpu.sharing-strategy]" : ""}`,
    // createPodStatusPhaseFamilyGenerator @ v2.16.0: all five phases of every pod that has one, 1 for its own and 0 for the others.
    ...(metric === "kube_pod_status_phase" ? { alwaysWith: { phase: "Running" } } : {}),
  };
}
