import type { FromSchema } from "json-schema-to-ts";

/**
 * JSON Schema of one environment (`stacks/<env>.yaml`).
 *
 * This is the single place where configuration defaults live: ajv fills them in at load time
 * (`useDefaults`), the README's configuration reference is generated from the descriptions, and
 * the TypeScript type of the resolved configuration is derived from this object, so schema, type
 * and docs cannot drift apart.
 */

/*
 * Value shapes, each with the rule its consumer applies (the API server, Prometheus, Alertmanager),
 * so that what passes here passes there. `durationRange` is this project's keyword (registered in
 * `validate.ts`): the duration's bounds, inclusive, in Prometheus units.
 */

/** Prometheus-style duration between `min` and `max`, e.g. `15s`, `5m`, `30d`. */
const duration = (min: string, max: string) => ({ type: "string", pattern: "^[0-9]{1,9}(ms|s|m|h|d|w|y)$", durationRange: [min, max] }) as const;
/** Kubernetes quantity for storage, in GiB as an integer (units in the name). */
const gibibytes = { type: "integer", minimum: 1, maximum: 65536 } as const;
/** RFC 1123 label: namespaces, Service and Secret names used as labels. */
const dnsLabel = { type: "string", pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", maxLength: 63 } as const;
const DNS_SUBDOMAIN = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
/** RFC 1123 subdomain (Secret and StorageClass names), or empty for "none". */
const optionalDnsSubdomain = { type: "string", pattern: `^(${DNS_SUBDOMAIN})?$`, maxLength: 253 } as const;
/** A key of a Secret: `[-._a-zA-Z0-9]+`, neither `.` nor `..`, not starting with `..` (the kubelet's own files). */
const secretKey = { type: "string", pattern: "^(?!\\.\\.)(?!\\.$)[-._a-zA-Z0-9]+$", maxLength: 253 } as const;
/** Label key: optional DNS-subdomain prefix and `/`, then a name of at most 63 characters. */
const labelKey = { type: "string", pattern: `^(${DNS_SUBDOMAIN}/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$`, maxLength: 317 } as const;
/** Prometheus label name (prometheus/common model `LabelNameRE` as Prometheus 2.42 validates rule labels); `__` names are reserved for Prometheus. */
const promLabelName = { type: "string", pattern: "^(?!__)[a-zA-Z_][a-zA-Z0-9_]*$", maxLength: 128 } as const;
/** Label value: empty, or at most 63 characters of `[-_.A-Za-z0-9]` starting and ending alphanumeric. */
const labelValue = { type: "string", pattern: "^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$" } as const;
/** A Prometheus label value written into a selector: anything but quotes, backslashes and control characters. */
const promLabelValue = (description: string) => ({ type: "string", pattern: '^[^"\\\\\\u0000-\\u001f]+$', maxLength: 256, description }) as const;
/** An http(s) URL. */
export const httpUrl = { type: "string", format: "uri", pattern: "^https?://[^\\s/]+", maxLength: 2048 } as const;
/** A plain value Alertmanager may expand as a Go template: no template delimiters, no control characters. */
const literal = (maxLength: number) => ({ type: "string", pattern: "^(?!.*(\\{\\{|\\}\\}))[^\\u0000-\\u001f]*$", maxLength }) as const;
const enabled = (what: string) =>
  ({ type: "boolean", default: true, description: `Deploy ${what}.` }) as const;
/**
 * Toggle of a component that another setting brings in (Thanos with `longTermStorage`): no
 * default, so environments without that setting resolve exactly as before; left out, it follows
 * the setting, and `false` keeps it out.
 */
const withSetting = (what: string, setting: string) =>
  ({ type: "boolean", description: `Deploy ${what} when \`${setting}\` asks for it (left out: yes).` }) as const;
/** TCP port of an object storage endpoint, opened in the egress policies of the pods that use the bucket. */
const objectStoragePort = {
  type: "integer",
  minimum: 1,
  maximum: 65535,
  default: 443,
  description:
    "TCP port of the object storage endpoint, opened (to any address) in the egress NetworkPolicy of every pod that reads or writes the bucket: 443 for S3, GCS and Azure; e.g. 9000 for a MinIO.",
} as const;
/** Where Loki or Tempo find their bucket: a backend type and one key of a Secret the user creates. */
const storeObjectStorage = (store: string, block: string) =>
  ({
    type: "object",
    additionalProperties: false,
    required: ["type", "secretName"],
    description: `Keep ${store}'s data in a bucket instead of on its volume (README "Loki and Tempo on object storage"); left out, the filesystem. The bucket and credentials stay in a Secret the user creates and reach ${store} as an environment variable expanded into its configuration, never rendered.`,
    properties: {
      type: { type: "string", enum: ["s3", "gcs", "azure"], description: "Backend: S3 or S3-compatible, Google Cloud Storage, or Azure Blob Storage." },
      secretName: { ...optionalDnsSubdomain, minLength: 1, description: "Secret (created by the user) holding the backend's settings." },
      key: {
        ...secretKey,
        default: "object-storage.json",
        description: `Key of the Secret holding ${block} for the chosen type as one line of JSON, e.g. \`{"bucketnames":"logs","endpoint":"s3.eu-central-1.amazonaws.com","region":"eu-central-1","access_key_id":"…","secret_access_key":"…"}\` (README has S3, GCS and Azure examples).`,
      },
      port: objectStoragePort,
    },
  }) as const;

/**
 * One toggle per component of the stack (`src/components/component-table.ts` has a definition for
 * each key, which the compiler checks); the keys also name the image overrides.
 */
const COMPONENT_TOGGLES = {
  prometheus: enabled("Prometheus"),
  alertmanager: enabled("Alertmanager"),
  grafana: enabled("Grafana"),
  loki: enabled("Loki"),
  tempo: enabled("Tempo"),
  collector: enabled("the Grafana Alloy log and trace collector"),
  nodeExporter: enabled("node-exporter"),
  kubeStateMetrics: enabled("kube-state-metrics"),
  dcgmExporter: enabled("NVIDIA dcgm-exporter on GPU nodes"),
  costExporter: enabled("the nfops cost/CO2 exporter"),
  blackboxExporter: enabled("the Prometheus blackbox exporter, which probes `probes` and Services annotated `nfops.io/probe: \"true\"`"),
  thanosQuery: withSetting("Thanos Query (the deduplicated global view Grafana reads)", "longTermStorage"),
  thanosStore: withSetting("the Thanos Store Gateway (blocks in the bucket)", "longTermStorage"),
  thanosCompactor: withSetting("the Thanos Compactor (compaction, downsampling, retention in the bucket)", "longTermStorage"),
  // No default: left out, the Pushgateway follows the `benchmark` pack, and existing environments resolve as before.
  pushgateway: {
    type: "boolean",
    description: "Deploy the Prometheus Pushgateway, which short-lived jobs (benchmark runs, CI) push to. Left out, it is deployed exactly when `packs` holds `benchmark`.",
  },
} as const;

/**
 * An objective on one histogram of an SLO's source: `target` % of its observations at or under
 * `thresholdMs`, which must name one of its bucket bounds (TGI's computed bounds within 0.5 %).
 */
function histogramObjective(description: string, targetMeaning: string) {
  return {
    type: "object",
    additionalProperties: false,
    required: ["thresholdMs"],
    description,
    properties: {
      thresholdMs: {
        type: "number",
        exclusiveMinimum: 0,
        description: "Threshold in milliseconds; must be a bucket bound of the source's histogram (the error names the nearest ones; TGI's 0.1 ms × 1.5ⁿ bounds match within 0.5 %).",
      },
      target: { type: "number", exclusiveMinimum: 0, exclusiveMaximum: 100, default: 95, description: `% ${targetMeaning}.` },
    },
  } as const;
}

export const environmentSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://nfops.dev/schemas/environment.schema.json",
  title: "nfops-observability environment",
  description:
    "One environment of the monitoring stack. Every field is optional; omitted fields take the default shown.",
  type: "object",
  additionalProperties: false,
  properties: {
    namespace: {
      ...dnsLabel,
      default: "nfops-monitoring",
      description: "Kubernetes namespace that holds the whole monitoring stack.",
    },
    clusterName: {
      ...dnsLabel,
      default: "gpu-cluster",
      description:
        "Name of the cluster, added as the `cluster` external label to every series and alert so that several clusters can share receivers and dashboards.",
    },
    region: {
      type: "string",
      minLength: 1,
      default: "us-east-1",
      description:
        "Region whose electricity price, grid carbon intensity and PUE apply; must be a key of `regions` in `pricing/electricity.yaml`.",
    },
    profile: {
      type: "string",
      enum: ["standalone", "operator"],
      default: "standalone",
      description:
        "`standalone` deploys the whole stack and needs no CRDs; `operator` targets clusters that already run prometheus-operator (PrometheusRule, ServiceMonitor/PodMonitor, sidecar dashboards) and adds only the dcgm and cost exporters.",
    },
    scrapeInterval: {
      ...duration("1s", "5m"),
      default: "15s",
      description:
        "Prometheus scrape and rule evaluation interval. Valid from `1s` (the benchmark-monitoring use case) upwards.",
    },
    packs: {
      type: "array",
      items: { type: "string", minLength: 1 },
      uniqueItems: true,
      default: ["core"],
      description:
        "Rule and dashboard packs to enable, by name (see README \"Packs\"); an unknown name is an error that lists the known ones. Components bring packs of their own wherever they are deployed.",
    },
    budgets: {
      type: "object",
      additionalProperties: false,
      default: {},
      description: "Weekly budgets evaluated by `CostBudgetExceeded` and `CO2BudgetExceeded` over the last 7 days.",
      properties: {
        weeklyCostUsd: {
          type: "number",
          exclusiveMinimum: 0,
          default: 1000,
          description: "Weekly cost budget in USD (energy cost plus GPU-hours at the hourly price).",
        },
        weeklyCo2Kg: {
          type: "number",
          exclusiveMinimum: 0,
          default: 100,
          description: "Weekly emissions budget in kg CO2e.",
        },
      },
    },
    slo: {
      type: "object",
      additionalProperties: false,
      default: {},
      description: "Inference service level objectives.",
      properties: {
        latencyP95Ms: {
          type: "number",
          exclusiveMinimum: 0,
          default: 250,
          description:
            "p95 latency objective in milliseconds (`InferenceLatencyHigh`). Must be a bucket boundary of `nf_infer_latency_ms`.",
        },
        errorRatio: {
          type: "number",
          exclusiveMinimum: 0,
          exclusiveMaximum: 1,
          default: 0.005,
          description:
            "Highest acceptable ratio of failed to all requests (`InferenceErrorRateHigh`); it is also the error budget of the burn-rate alerts (0.005 = 99.5 % success objective).",
        },
        minRequestsPerSecond: {
          type: "number",
          minimum: 0,
          maximum: 1000000,
          default: 0.1,
          description:
            "Services with fewer requests per second than this are left out of the SLO alerts: a handful of requests makes every ratio and percentile noise. Measured over 5 minutes for InferenceLatencyHigh and InferenceErrorRateHigh, and over the short window of each burn-rate pair.",
        },
      },
    },
    slos: {
      type: "array",
      default: [],
      description:
        "Service level objectives over the requests a selector picks, each with its own availability, latency, time-to-first-token and inter-token objectives (see README \"SLOs\"). Each gets SLI recording rules, multi-window multi-burn-rate alerts (`SLOErrorBudgetBurn`, `SLOLatencyBudgetBurn`, `SLOTimeToFirstTokenBudgetBurn`, `SLOInterTokenLatencyBudgetBurn`), its error budget over `window`, and `SLOMetricsAbsent`. The `slo` settings above are the default SLO over `nf_infer_*`, named `inference`.",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name", "source"],
        properties: {
          name: { ...dnsLabel, description: "Unique name: the `slo` label of its series and alerts. `inference` is the default SLO's." },
          selector: {
            type: "object",
            additionalProperties: false,
            default: {},
            description: "Which requests count, as exact label values; an empty selector takes every request of the source. The source's own model label is matched for `model`.",
            properties: {
              namespace: { ...dnsLabel, description: "Namespace of the serving pods." },
              service: { ...dnsLabel, description: "Service of the serving pods (the `service` label of the inference scrape job)." },
              model: promLabelValue("Model name as the server reports it (vLLM `model_name`, Triton `model`, `nf_infer_*` `model`; TGI serves one model per server and has no model label)."),
            },
          },
          source: {
            type: "string",
            enum: ["nf_infer", "vllm", "tgi", "triton"],
            description: "Whose metrics measure it: the `nf_infer_*` contract, or the native metrics of vLLM, Hugging Face TGI or NVIDIA Triton.",
          },
          availability: {
            type: "number",
            exclusiveMinimum: 0,
            exclusiveMaximum: 100,
            default: 99.5,
            description: "Objective in % of requests that succeed. Its error budget is 100 − this; the fastest burn tier (14.4×) must be able to fire, so it must be above 93.06.",
          },
          latency: histogramObjective(
            "Latency objective: `target` % of requests finish within `thresholdMs`, from the source's end-to-end latency histogram (nf_infer, vllm, tgi). Leave out for an availability-only SLO.",
            "of requests that must finish within the threshold",
          ),
          ttft: histogramObjective(
            "Time-to-first-token objective: `target` % of requests get their first token within `thresholdMs` (`SLOTimeToFirstTokenBudgetBurn`), from vLLM's `vllm:time_to_first_token_seconds` or Triton's first-response histogram (decoupled models, `histogram_latencies=true`). TGI has no such histogram.",
            "of requests whose first token must come within the threshold",
          ),
          interTokenLatency: histogramObjective(
            "Inter-token latency objective (`SLOInterTokenLatencyBudgetBurn`): for vLLM `target` % of the gaps between output tokens (`vllm:inter_token_latency_seconds`), for TGI `target` % of requests' mean time per token (`tgi_request_mean_time_per_token_duration`, prefill included) within `thresholdMs`. Triton has no such histogram.",
            "of events that must be within the threshold",
          ),
          window: { ...duration("7d", "90d"), default: "28d", description: "Window of the error budget (a whole number of weeks keeps weekday patterns even)." },
          minRequestsPerSecond: {
            type: "number",
            minimum: 0,
            maximum: 1000000,
            description: "Traffic below which the SLO's alerts stay quiet (the short window of each burn-rate pair). Defaults to `slo.minRequestsPerSecond`.",
          },
        },
      },
    },
    llm: {
      type: "object",
      additionalProperties: false,
      default: {},
      description: "Alert thresholds of the `llm` pack (`packs: [core, llm]`; see docs/llm.md), for self-hosted models (vLLM, TGI, Triton) and calls to provider APIs (`nf_llm_*`).",
      properties: {
        dailyCostUsd: {
          type: "number",
          exclusiveMinimum: 0,
          default: 100,
          description:
            "Provider spend over the last 24 hours, all namespaces, providers and models together (the sum of the hourly `nf_llm_cost_usd` roll-ups), above which `LLMDailyCostHigh` fires. Self-hosted GPU cost counts toward `budgets.weeklyCostUsd` instead.",
        },
        errorRatio: {
          type: "number",
          exclusiveMinimum: 0,
          exclusiveMaximum: 1,
          default: 0.1,
          description: "Share of failed requests over 5 minutes, per self-hosted model or provider model, above which `LLMErrorRateHigh` pages (critical).",
        },
        slowInferenceSeconds: {
          type: "number",
          exclusiveMinimum: 0,
          default: 60,
          description: "Mean end-to-end request time over 5 minutes, per self-hosted model or provider model, above which `LLMSlowInference` fires.",
        },
        ttftP95Seconds: {
          type: "number",
          exclusiveMinimum: 0,
          default: 2.5,
          description:
            "p95 time to first token over 5 minutes above which `LLMTimeToFirstTokenHigh` fires. 2.5 s is a bucket boundary of vLLM's histogram, so the alert means exactly \"more than 5 % of requests waited over 2.5 s\" instead of an interpolation, and it is about where a streaming chat feels stalled while long prompts still fit in the prefill.",
        },
        queueBacklog: {
          type: "number",
          exclusiveMinimum: 0,
          default: 100,
          description: "Requests waiting in a model server's queue (vLLM `num_requests_waiting`, TGI `tgi_queue_size`, Triton pending requests), per model, above which `InferenceQueueBacklog` fires after 5 minutes.",
        },
      },
    },
    gpu: {
      type: "object",
      additionalProperties: false,
      default: {},
      description: "GPU accounting and alert settings.",
      properties: {
        exporter: {
          type: "string",
          enum: ["deploy", "existing"],
          default: "deploy",
          description:
            "`deploy` runs this stack's dcgm-exporter; `existing` uses the one the NVIDIA GPU Operator already runs (no second exporter is deployed) and every GPU rule reads `gpu.existingExporterJob`. Either way the rules read exactly one exporter job, so two exporters on one GPU never double energy or cost.",
        },
        existingExporterJob: {
          type: "string",
          pattern: "^[a-zA-Z0-9_.:-]+$",
          default: "nvidia-dcgm-exporter",
          description:
            "Job label of the existing exporter's series (`gpu.exporter: existing`); the GPU Operator's Service and ServiceMonitor are named `nvidia-dcgm-exporter`. The standalone profile scrapes that Service itself under this job name.",
        },
        applicationXids: {
          type: "array",
          items: { type: "integer", minimum: 1, maximum: 999 },
          uniqueItems: true,
          default: [13, 31, 43],
          description:
            "XID codes caused by the application (13 graphics engine exception, 31 MMU fault, 43 channel stopped by the driver): the job fails, the GPU is fine. `GPUXidErrors` leaves them out; they stay visible on the GPU dashboard.",
        },
        hardwareXids: {
          type: "array",
          items: { type: "integer", minimum: 1, maximum: 999 },
          uniqueItems: true,
          default: [48, 63, 64, 74, 79, 94, 95],
          description:
            "XID codes that mean the GPU or its links are failing (48 double-bit ECC, 63/64 row remapping, 74 NVLink, 79 fallen off the bus, 94/95 contained and uncontained ECC): `GPUXidErrors` labels them `xid_class=\"hardware\"` and the runbook says to drain the node. Codes in neither list are `unclassified`.",
        },
        lowUtilizationPercent: {
          type: "number",
          exclusiveMinimum: 0,
          maximum: 100,
          default: 20,
          description: "A GPU held by a pod that averages less than this utilisation is reported (`GPUUtilizationLow`).",
        },
        lowUtilizationWindow: {
          ...duration("10m", "7d"),
          default: "1h",
          description: "Window over which `GPUUtilizationLow` averages utilisation; the alert also waits half of it before firing.",
        },
        zombieMemoryMiB: {
          type: "integer",
          minimum: 0,
          default: 512,
          description:
            "Framebuffer memory in use (MiB) above which a GPU that no pod holds is a zombie (`ZombieGPUProcess`). The driver itself keeps a few MiB.",
        },
        temperatureCelsius: {
          type: "number",
          exclusiveMinimum: 0,
          default: 85,
          description: "GPU temperature above which `GPUTemperatureHigh` fires.",
        },
        memoryNearlyFullPercent: {
          type: "number",
          exclusiveMinimum: 0,
          maximum: 100,
          default: 95,
          description: "Framebuffer use (% of total) above which `GPUMemoryNearlyFull` fires.",
        },
      },
    },
    energy: {
      type: "object",
      additionalProperties: false,
      default: {},
      description: "Energy sources beyond the GPUs.",
      properties: {
        kepler: {
          type: "boolean",
          default: false,
          description:
            "Read Kepler's per-pod CPU package and DRAM joules (`kepler_pod_cpu_joules_total`, when the cluster runs Kepler) and add them per namespace to `codecarbon_energy_kwh`, `nf_co2_kg` and `nf_cost_usd` with `source=\"cpu\"` and `source=\"dram\"`. The standalone profile then scrapes Kepler's Service (`app.kubernetes.io/name=kepler`, any namespace).",
        },
      },
    },
    nodes: {
      type: "object",
      additionalProperties: false,
      default: {},
      description: "Node resource alert thresholds (the original monitoring guide's HighCPUUsage, HighMemoryUsage, DiskFull).",
      properties: {
        cpuPercent: { type: "number", exclusiveMinimum: 0, maximum: 100, default: 80, description: "CPU busy % sustained for 10 minutes (`HighCPUUsage`)." },
        memoryPercent: { type: "number", exclusiveMinimum: 0, maximum: 100, default: 90, description: "Memory in use % sustained for 5 minutes (`HighMemoryUsage`)." },
        diskPercent: { type: "number", exclusiveMinimum: 0, maximum: 100, default: 95, description: "Filesystem space in use % (`DiskFull`, critical)." },
      },
    },
    kubernetes: {
      type: "object",
      additionalProperties: false,
      default: {},
      description:
        "The `kubernetes` pack (workload, resource, storage and node alerts; see README \"Packs\"): it comes with kube-state-metrics, so the standalone profile has it and the operator profile, whose kube-prometheus-stack ships its own, does not. Thresholds of its alerts.",
      properties: {
        enabled: { type: "boolean", default: true, description: "Bring the `kubernetes` pack with kube-state-metrics (standalone profile). `false` leaves its rules and dashboards out, for clusters that alert on workloads elsewhere." },
        podRestartsPerHour: { type: "integer", minimum: 1, maximum: 1000, default: 5, description: "Container restarts within the last hour above which `PodRestartingFrequently` fires." },
        podNotReadyMinutes: { type: "integer", minimum: 1, maximum: 1440, default: 15, description: "Minutes a pod may be Pending, Unknown or running but not Ready before `KubePodNotReady`." },
        jobMaxRunHours: { type: "number", exclusiveMinimum: 0, maximum: 8760, default: 24, description: "Hours a Job may keep active pods before `KubeJobNotCompleted` (training jobs run long: set it above the longest expected run)." },
        cpuThrottlingPercent: { type: "number", exclusiveMinimum: 0, maximum: 100, default: 25, description: "Share of a container's CFS periods that are throttled, in %, above which `CPUThrottlingHigh` fires (15 minutes)." },
        spareNodes: { type: "integer", minimum: 0, maximum: 100, default: 1, description: "Nodes the cluster should be able to lose: `KubeCPUOvercommit` / `KubeMemoryOvercommit` fire when requests exceed allocatable minus this many of the largest nodes. `0` fires only when requests exceed everything allocatable." },
        quotaPercent: { type: "number", exclusiveMinimum: 0, maximum: 100, default: 90, description: "Use of a ResourceQuota's hard limit, in %, from which `KubeQuotaAlmostFull` fires." },
        volumeFullPercent: { type: "number", exclusiveMinimum: 0, maximum: 100, default: 95, description: "PersistentVolume space in use, in %, above which `KubePersistentVolumeFillingUp` is critical." },
        volumeFullWithinHours: { type: "number", exclusiveMinimum: 0, maximum: 720, default: 24, description: "`KubePersistentVolumeFillingUp` warns when the trend of the last 6 hours fills the volume within this many hours." },
        kubeletPodsPercent: { type: "number", exclusiveMinimum: 0, maximum: 100, default: 95, description: "Running pods as a % of the node's pod capacity above which `KubeletTooManyPods` fires." },
        gpuPodPendingMinutes: { type: "integer", minimum: 1, maximum: 10080, default: 30, description: "Minutes a pod requesting GPUs may wait for the scheduler to place it before `GPUPodPendingTooLong` (the training queue's backlog)." },
      },
    },
    retention: {
      type: "object",
      additionalProperties: false,
      default: {},
      description: "How long each store keeps data.",
      properties: {
        prometheus: { ...duration("2h", "10y"), default: "30d", description: "Prometheus TSDB retention time (at least one 2 h block)." },
        loki: { ...duration("24h", "10y"), default: "90d", description: "Loki log retention (compactor); at least Loki's 24 h index period." },
        tempo: { ...duration("1h", "10y"), default: "7d", description: "Tempo trace retention." },
      },
    },
    storage: {
      type: "object",
      additionalProperties: false,
      default: {},
      description: "Persistent volumes. Sizes are GiB; Prometheus retention size is derived from its volume (85 %).",
      properties: {
        storageClassName: {
          ...optionalDnsSubdomain,
          default: "",
          description: "StorageClass of every PersistentVolumeClaim; empty uses the cluster's default class.",
        },
        prometheusGiB: { ...gibibytes, default: 50, description: "Prometheus TSDB volume." },
        alertmanagerGiB: { ...gibibytes, default: 2, description: "Alertmanager silences and notification log." },
        grafanaGiB: { ...gibibytes, default: 5, description: "Grafana database and plugins." },
        lokiGiB: { ...gibibytes, default: 50, description: "Loki chunks and index." },
        tempoGiB: { ...gibibytes, default: 20, description: "Tempo blocks and WAL." },
      },
    },
    alerting: {
      type: "object",
      additionalProperties: false,
      default: {},
      description:
        "Alert receivers. Credentials and URLs never appear in configuration or `dist/`: they are read from a Secret the user creates, mounted into Alertmanager.",
      properties: {
        secretName: {
          ...dnsLabel,
          default: "nfops-alertmanager-receivers",
          description: "Name of the Secret, in `namespace`, that holds the receiver credentials below.",
        },
        pagerRoutingKeyKey: {
          ...secretKey,
          default: "pagerduty-routing-key",
          description: "Key of the Secret holding the PagerDuty Events v2 routing key (critical alerts).",
        },
        chatWebhookUrlKey: {
          ...secretKey,
          default: "slack-webhook-url",
          description: "Key of the Secret holding the Slack incoming-webhook URL (critical and warning alerts).",
        },
        smtpPasswordKey: {
          ...secretKey,
          default: "smtp-password",
          description: "Key of the Secret holding the SMTP password for the FinOps e-mail receiver.",
        },
        chatChannel: {
          type: "string",
          pattern: "^[#@]?[A-Za-z0-9][-_.A-Za-z0-9]{0,79}$",
          default: "#ml-platform-alerts",
          description: "Slack channel (`#name`), user (`@name`) or channel id for alerts.",
        },
        finopsEmail: {
          type: "string",
          format: "email",
          maxLength: 254,
          default: "finops@example.com",
          description: "Recipient of cost and CO2 budget alerts.",
        },
        smtpSmarthost: {
          type: "string",
          pattern: `^(${DNS_SUBDOMAIN}|\\[[0-9A-Fa-f:.]+\\]):[0-9]{1,5}$`,
          maxLength: 260,
          default: "smtp.example.com:587",
          description: "SMTP server `host:port`.",
        },
        smtpFrom: { type: "string", format: "email", maxLength: 254, default: "alertmanager@example.com", description: "Sender address of alert e-mails." },
        smtpUsername: { ...literal(256), default: "alertmanager", description: "SMTP user name (not a secret; the password is)." },
        heartbeatUrlKey: {
          type: "string",
          pattern: "^((?!\\.\\.)(?!\\.$)[-._a-zA-Z0-9]+)?$",
          maxLength: 253,
          default: "",
          description:
            "Key of the Secret holding the URL of a dead man's switch (a healthchecks.io ping URL, an Opsgenie or PagerDuty heartbeat): Watchdog is posted there every minute, and the switch alarms when the posts stop. Empty sends Watchdog to the `null` receiver (synth says so).",
        },
        teams: {
          type: "array",
          default: [],
          description:
            "Team routes, tried before the default receivers: alerts whose `namespace` matches one of a team's patterns go to its receivers (critical to its pager, critical and warning to its chat channel and e-mail). FinOps still gets cost and CO2 alerts, and inhibitions apply as everywhere.",
          items: {
            type: "object",
            additionalProperties: false,
            required: ["name", "namespaces"],
            properties: {
              name: { ...dnsLabel, description: "Team name; its receivers are `team-<name>` and `team-<name>-pager`." },
              namespaces: {
                type: "array",
                minItems: 1,
                items: { type: "string", pattern: "^[-a-z0-9.*+?|()\\[\\]^$]{1,253}$" },
                description: "Namespaces the team owns, as regular expressions anchored at both ends (`ml-.*`).",
              },
              slackChannel: { type: "string", pattern: "^[#@]?[A-Za-z0-9][-_.A-Za-z0-9]{0,79}$", description: "Slack channel of the team (sent through the `chatWebhookUrlKey` webhook)." },
              email: { type: "string", format: "email", maxLength: 254, description: "E-mail address of the team." },
              pagerRoutingKeyKey: { ...secretKey, description: "Key of the receivers Secret holding the team's PagerDuty routing key (its critical alerts)." },
            },
          },
        },
        runbookBaseUrl: {
          ...httpUrl,
          default: "https://github.com/nfops/nfops-observability/blob/main/docs/runbooks",
          description: "Where the runbooks of `docs/runbooks/` are published; every alert's `runbook_url` is `<this>/<AlertName>.md`. Point it at your fork.",
        },
      },
    },
    components: {
      type: "object",
      additionalProperties: false,
      default: {},
      description: "Which components to deploy (standalone profile; the operator profile deploys only the exporters).",
      properties: {
        ...COMPONENT_TOGGLES,
      },
    },
    images: {
      type: "object",
      default: {},
      description:
        "Image overrides, e.g. for a private registry mirror. Keys are the component keys of `components`; values are full references pinned to a tag or digest. Defaults are each component definition's `image` in `src/components/`.",
      propertyNames: { enum: Object.keys(COMPONENT_TOGGLES) },
      // Pinned to a tag or a digest; `latest` would make the output change under the reviewer's feet.
      // The OCI reference grammar (distribution/reference): registry[:port]/path, then a tag, a digest or both.
      additionalProperties: {
        type: "string",
        maxLength: 512,
        pattern:
          "^([a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?(\\.[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?)*(:[0-9]+)?/)?[a-z0-9]+(([._]|__|-+)[a-z0-9]+)*(/[a-z0-9]+(([._]|__|-+)[a-z0-9]+)*)*((:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})(@sha256:[a-f0-9]{64})?|@sha256:[a-f0-9]{64})$",
        not: { pattern: ":latest$" },
      },
    },
    imageDigests: {
      type: "object",
      default: {},
      description:
        "Optional digests that pin images beyond their tags: `<component key>: sha256:<64 hex>` turns the image (default or override) into `<image>@sha256:…`, so a re-pushed tag cannot change what runs.",
      propertyNames: { enum: Object.keys(COMPONENT_TOGGLES) },
      additionalProperties: { type: "string", pattern: "^sha256:[a-f0-9]{64}$" },
    },
    workloads: {
      type: "object",
      additionalProperties: false,
      default: {},
      description: "Settings every workload of the stack shares.",
      properties: {
        cpuLimitFactor: {
          type: "number",
          minimum: 0,
          maximum: 100,
          default: 0,
          description:
            "CPU limit of every container as a multiple of its CPU request; 0 sets no CPU limit. The default leaves CPU unlimited: a limit throttles a busy Prometheus or Loki and delays scrapes and queries while the node has idle cores. Clusters whose policy requires limits (LimitRange, admission) set e.g. 2. Memory is always limited.",
        },
      },
    },
    externalUrls: {
      type: "object",
      additionalProperties: false,
      default: {},
      description:
        "Where people reach the stack from outside the cluster (ingress or port-forward URLs). Set, they are the links in notifications: Prometheus' `--web.external-url` (alert sources), Alertmanager's (silence links), and Grafana's `root_url` and per-alert `dashboard_url`. Empty leaves pod-internal defaults.",
      properties: {
        prometheus: { type: "string", pattern: "^(https?://[^\\s/]+[^\\s]*)?$", maxLength: 2048, default: "", description: "External URL of Prometheus." },
        alertmanager: { type: "string", pattern: "^(https?://[^\\s/]+[^\\s]*)?$", maxLength: 2048, default: "", description: "External URL of Alertmanager." },
        grafana: { type: "string", pattern: "^(https?://[^\\s/]+[^\\s]*)?$", maxLength: 2048, default: "", description: "External URL of Grafana." },
      },
    },
    alerts: {
      type: "object",
      default: {},
      description:
        "Per-alert overrides by alert name (names of the alerts of the packs in effect; an unknown name is an error that lists them): disable an alert, or change its `for`, severity, labels or annotations. The rule files carry the result; runbook links stay.",
      propertyNames: { pattern: "^[A-Z][A-Za-z0-9]+$" },
      additionalProperties: {
        type: "object",
        additionalProperties: false,
        properties: {
          enabled: { type: "boolean", description: "`false` removes the alert." },
          for: { ...duration("0s", "7d"), description: "How long the condition must hold before the alert fires." },
          severity: { type: "string", enum: ["critical", "warning", "info"], description: "Severity label (routing)." },
          labels: {
            type: "object",
            propertyNames: promLabelName,
            additionalProperties: labelValue,
            description: "Labels added or replaced; names are Prometheus label names (`[a-zA-Z_][a-zA-Z0-9_]*`). `severity` is set with `severity`, and `alertname` not at all.",
          },
          annotations: {
            type: "object",
            propertyNames: { type: "string", pattern: "^[A-Za-z_][A-Za-z0-9_]*$", maxLength: 63 },
            additionalProperties: { type: "string", maxLength: 4096 },
            description: "Annotations added or replaced: Go templates, as in rule files, that must parse with Prometheus' template functions (`humanize`, `$labels`, `$value`…).",
          },
        },
      },
    },
    costExporter: {
      type: "object",
      additionalProperties: false,
      default: {},
      description: "The nfops cost/CO2 exporter (`nfops exporter`).",
      properties: {
        port: { type: "integer", minimum: 1024, maximum: 65535, default: 9464, description: "HTTP port of `/metrics`, `/healthz` and `/readyz`." },
        priceMaxAgeDays: {
          type: "integer",
          minimum: 1,
          maximum: 3650,
          default: 120,
          description:
            "Age of a price's `date` in pricing/*.yaml beyond which PricingOutdated fires (default about a quarter and a month: providers and clouds change prices often).",
        },
        reloadCheckSeconds: {
          type: "integer",
          minimum: 1,
          maximum: 3600,
          default: 30,
          description: "Period of the pricing-file check that backs up the file watch (ConfigMap updates swap a symlink, which watches can miss).",
        },
        liveCarbonIntensity: {
          type: "object",
          additionalProperties: false,
          default: {},
          description:
            "Optional live grid carbon intensity provider, asked for the environment's `region` only (other regions stay static). When disabled, down or slow, the static figure from `pricing/electricity.yaml` is published.",
          properties: {
            enabled: { type: "boolean", default: false, description: "Query the provider." },
            url: {
              type: "string",
              maxLength: 2048,
              default: "",
              description: "Provider URL (http or https, required when enabled); `{region}` is replaced by the region key. The response must be JSON with a numeric `carbonIntensity` (g CO2e/kWh).",
            },
            tokenSecretName: {
              ...optionalDnsSubdomain,
              default: "",
              description:
                "Secret (created by the user) whose key `token` is sent as a bearer token; mounted at `/etc/nfops/carbon-token/token`, never put in `dist/`. Empty sends no token.",
            },
            timeoutMs: { type: "integer", minimum: 100, maximum: 30000, default: 2000, description: "Per-request timeout; a scrape never waits longer." },
            cacheTtlSeconds: { type: "integer", minimum: 1, maximum: 86400, default: 300, description: "How long a provider answer is reused." },
          },
        },
      },
    },
    probes: {
      type: "array",
      default: [],
      description:
        "Endpoints the blackbox exporter probes from inside the cluster (`EndpointDown`, `EndpointSlow`). Services annotated `nfops.io/probe: \"true\"` are probed too (see README \"Endpoint probes\").",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name", "url"],
        properties: {
          name: {
            type: "string",
            pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",
            maxLength: 63,
            description: "Unique name, the `probe` label of its series and alerts.",
          },
          url: {
            type: "string",
            minLength: 1,
            maxLength: 2048,
            description: "What to probe: an `http(s)://` URL for `http_2xx`, `host:port` for `tcp_connect`.",
          },
          module: {
            type: "string",
            enum: ["http_2xx", "tcp_connect"],
            default: "http_2xx",
            description: "`http_2xx`: a GET must answer 2xx (redirects followed); `tcp_connect`: a TCP connection must open.",
          },
          critical: {
            type: "boolean",
            default: false,
            description: "`EndpointDown` pages (critical) instead of warning.",
          },
        },
      },
    },
    blackboxExporter: {
      type: "object",
      additionalProperties: false,
      default: {},
      description: "The blackbox exporter's alert thresholds.",
      properties: {
        slowProbeSeconds: {
          type: "number",
          exclusiveMinimum: 0,
          maximum: 60,
          default: 1,
          description: "A successful probe that takes longer than this for 5 minutes is reported (`EndpointSlow`).",
        },
      },
    },
    // No object default, as for `ha`: environments without the `benchmark` pack resolve byte for byte as before
    // (src/config/benchmark-settings.ts fills in these defaults when the block is left out).
    benchmark: {
      type: "object",
      additionalProperties: false,
      description:
        "Thresholds and timing of the `benchmark` pack (`packs: [core, benchmark]`; docs/benchmark-playbook.md), and who may push results to the Pushgateway.",
      properties: {
        minSpeedup: {
          type: "number",
          exclusiveMinimum: 0,
          default: 10,
          description: "p50 `speedup_ratio` against the baseline below which `CriticalPerformanceRegression` pages.",
        },
        targetSpeedup: {
          type: "number",
          exclusiveMinimum: 0,
          default: 15,
          description: "p50 `speedup_ratio` below which `PerformanceBelowTarget` warns; must not be below `minSpeedup`.",
        },
        memoryMb: {
          type: "number",
          exclusiveMinimum: 0,
          default: 1000,
          description: "`memory_usage_mb` of a benchmark process and phase above which `BenchmarkMemoryHigh` fires.",
        },
        ciFailureRatio: {
          type: "number",
          exclusiveMinimum: 0,
          exclusiveMaximum: 1,
          default: 0.2,
          description: "Share of the last hour during which a pipeline's latest result was a failure (`ci_pipeline_status` = 0), above which `HighCIFailureRate` fires.",
        },
        for: {
          type: "object",
          additionalProperties: false,
          default: {},
          description:
            "How long each condition must hold before its alert fires (`0s` fires at the first evaluation). `alerts.<Name>.for` still overrides these.",
          properties: {
            CriticalPerformanceRegression: { ...duration("0s", "1d"), default: "5m", description: "`for` of `CriticalPerformanceRegression`." },
            PerformanceBelowTarget: { ...duration("0s", "1d"), default: "15m", description: "`for` of `PerformanceBelowTarget`." },
            BenchmarkMemoryHigh: { ...duration("0s", "1d"), default: "10m", description: "`for` of `BenchmarkMemoryHigh`." },
            HighCIFailureRate: { ...duration("0s", "1d"), default: "30m", description: "`for` of `HighCIFailureRate`." },
            PerformanceRegressionDetected: {
              ...duration("0s", "1d"),
              default: "0s",
              description: "`for` of `PerformanceRegressionDetected`: a detected regression is an event, reported at once.",
            },
          },
        },
        allowedPushNamespaces: {
          type: "array",
          items: dnsLabel,
          uniqueItems: true,
          default: [],
          description:
            "Namespaces whose pods may push to the Pushgateway (CI runners, benchmark jobs); pods of the stack's own namespace always may. Empty allows the stack's namespace only.",
        },
        pushgatewayStorageGiB: { ...gibibytes, default: 1, description: "Volume holding the Pushgateway's pushed groups across restarts (`--persistence.file`)." },
        dashboardRefresh: {
          ...duration("1s", "1d"),
          default: "1m",
          description: "Auto-refresh of the Performance Overview dashboard; the benchmark environment sets `5s`. Grafana's `min_refresh_interval` (default 5s) bounds it.",
        },
      },
    },
    prometheus: {
      type: "object",
      additionalProperties: false,
      default: {},
      description: "Prometheus server settings beyond retention and storage.",
      properties: {
        remoteWriteUrl: {
          type: "string",
          pattern: "^(https?://[^\\s/]+[^\\s]*)?$",
          maxLength: 2048,
          default: "",
          description: "Optional `remote_write` endpoint (long-term storage). Empty disables remote write.",
        },
        remoteWriteSecretName: {
          ...optionalDnsSubdomain,
          default: "",
          description: "Secret (created by the user) with a `password` key for remote-write basic auth; empty for none.",
        },
        remoteWriteUsername: {
          ...literal(256),
          default: "prometheus",
          description:
            "Remote-write basic-auth user name (not a secret; the password is). Plain rather than a file so the configuration also loads in Prometheus 2.42, which has no `username_file`.",
        },
      },
    },
    grafana: {
      type: "object",
      additionalProperties: false,
      default: {},
      description: "Grafana settings.",
      properties: {
        adminSecretName: {
          ...dnsLabel,
          default: "nfops-grafana-admin",
          description: "Secret (created by the user) with `admin-user` and `admin-password` keys.",
        },
        ingressNamespaces: {
          type: "array",
          items: dnsLabel,
          uniqueItems: true,
          default: ["ingress-nginx"],
          description:
            "Namespaces whose pods may reach Grafana (the ingress controller's); pods of the stack's own namespace always may, and `kubectl port-forward` needs no rule. Empty allows the namespace only.",
        },
        dashboardFolder: { ...literal(128), minLength: 1, default: "nfops", description: "Grafana folder the provisioned dashboards are placed in." },
        clusterVariable: {
          type: "boolean",
          description:
            "Give every dashboard a `cluster` variable and filter every PromQL selector on it (`cluster=~\"$cluster\"`), for a Grafana that reads several clusters through Thanos Query or a remote-write store. Left out: on exactly when `longTermStorage` is set (Grafana then reads Thanos Query).",
        },
        // Opt-in blocks have no object default: left out, the resolved settings (which the cost
        // exporter's ConfigMap carries) and so every file of dist/ stay as they were.
        database: {
          type: "object",
          additionalProperties: false,
          required: ["secretName"],
          description:
            "External PostgreSQL or MySQL database instead of SQLite on the Grafana volume; left out, SQLite. Needed for two Grafana replicas under `ha` (they must share users, sessions and preferences). The URL, password included, stays in a Secret the user creates and is read as a file.",
          properties: {
            secretName: {
              ...optionalDnsSubdomain,
              minLength: 1,
              description: "Secret (created by the user) holding the database URL.",
            },
            urlKey: {
              ...secretKey,
              default: "database-url",
              description:
                "Key of the Secret holding Grafana's `[database] url`, e.g. `postgres://grafana:<password>@pg.db.svc:5432/grafana?sslmode=require` or `mysql://grafana:<password>@mysql.db.svc:3306/grafana`.",
            },
            port: {
              type: "integer",
              minimum: 1,
              maximum: 65535,
              default: 5432,
              description: "TCP port of the database server, opened in Grafana's egress NetworkPolicy (PostgreSQL 5432, MySQL 3306).",
            },
          },
        },
      },
    },
    // No object default, as for `grafana.database`: existing environments resolve byte for byte as before.
    ha: {
      type: "object",
      additionalProperties: false,
      description:
        "High availability (standalone profile; README \"Growing past one Prometheus\"): Prometheus ×2 with a `prometheus_replica` external label that alerts drop, Alertmanager as a 3-peer gossip cluster, PodDisruptionBudgets and spreading over nodes and zones; Grafana ×2 when `grafana.database` is set.",
      properties: {
        enabled: { type: "boolean", default: false, description: "Run the replicated stack; off, every workload has one replica." },
      },
    },
    // No object default either: existing environments resolve byte for byte as before.
    longTermStorage: {
      type: "object",
      additionalProperties: false,
      required: ["kind", "objectStorage"],
      description:
        "Long-term storage and a global view with Thanos (standalone profile; README \"Long-term storage and a global view\"): a sidecar in each Prometheus replica uploads its 2 h blocks to a bucket, Thanos Query deduplicates the replicas on `prometheus_replica` and serves Grafana, a Store Gateway reads the bucket and a Compactor compacts, downsamples and deletes there. Rules keep evaluating in Prometheus. Excludes `prometheus.remoteWriteUrl`.",
      properties: {
        kind: { type: "string", enum: ["thanos"], description: "The engine; Thanos is the one supported." },
        objectStorage: {
          type: "object",
          additionalProperties: false,
          required: ["secretName"],
          description: "The bucket, as a Thanos objstore configuration in a Secret the user creates; mounted as a file, never rendered.",
          properties: {
            secretName: { ...optionalDnsSubdomain, minLength: 1, description: "Secret (created by the user) holding the objstore configuration." },
            key: {
              ...secretKey,
              default: "objstore.yml",
              description:
                "Key of the Secret holding the Thanos objstore YAML (`type: S3|GCS|AZURE` and its `config`; README has an example of each).",
            },
            port: objectStoragePort,
          },
        },
        retentionRaw: {
          ...duration("2d", "10y"),
          default: "30d",
          description: "How long the Compactor keeps raw-resolution blocks in the bucket. With downsampling at least 2d: 5-minute blocks are made from raw blocks 40 h old.",
        },
        retentionFiveMinutes: { ...duration("1d", "10y"), default: "180d", description: "How long the Compactor keeps 5-minute downsampled blocks." },
        retentionOneHour: { ...duration("1d", "10y"), default: "1y", description: "How long the Compactor keeps 1-hour downsampled blocks." },
        downsampling: {
          type: "boolean",
          default: true,
          description: "Let the Compactor write 5-minute (blocks older than 40 h) and 1-hour (older than 10 d) resolutions, which keep long-range queries fast; off, only raw data is kept.",
        },
        storeGiB: { ...gibibytes, default: 20, description: "Store Gateway volume: index headers and caches of the bucket's blocks." },
        compactorGiB: { ...gibibytes, default: 100, description: "Compactor volume: scratch space for the blocks it compacts and downsamples (the largest group of blocks, several times over)." },
      },
    },
    loki: {
      type: "object",
      additionalProperties: false,
      description: "Loki settings beyond retention and storage size.",
      properties: {
        objectStorage: storeObjectStorage("Loki", "the `common.storage.<type>` block of Loki's configuration"),
      },
    },
    tempo: {
      type: "object",
      additionalProperties: false,
      description: "Tempo settings beyond retention and storage size.",
      properties: {
        objectStorage: storeObjectStorage("Tempo", "the `storage.trace.<type>` block of Tempo's configuration"),
      },
    },
    operator: {
      type: "object",
      additionalProperties: false,
      default: {},
      description: "Operator profile: how the existing prometheus-operator finds the objects this stack adds.",
      properties: {
        selectorLabels: {
          type: "object",
          default: {},
          propertyNames: labelKey,
          additionalProperties: labelValue,
          description:
            "Labels added to every PrometheusRule, ServiceMonitor and PodMonitor so that the Prometheus resource's `ruleSelector`, `serviceMonitorSelector` and `podMonitorSelector` pick them up; kube-prometheus-stack selects `release: <helm release name>` by default.",
        },
      },
    },
    cost: {
      type: "object",
      additionalProperties: false,
      default: {},
      description: "Cost model settings.",
      properties: {
        defaultGpuType: {
          type: "string",
          default: "nvidia-a100-80gb",
          description: "GPU type (a key of `gpuTypes` in `pricing/gpu.yaml`) used by `nfops cost` when `--gpu-type` is not given.",
        },
      },
    },
  },
} as const;

/** The fully resolved environment configuration (defaults applied). */
export type EnvironmentSettings = FromSchema<typeof environmentSchema>;

/** Key of a component: its toggle in `components` and its override in `images`. */
export type ComponentKey = keyof EnvironmentSettings["components"];

/** An environment: its settings plus where they came from. */
export interface Environment {
  /** Environment name; the file name without `.yaml`, or `default`. */
  readonly name: string;
  /** Repository-relative file the settings came from, or `(embedded default)`. */
  readonly source: string;
  readonly settings: EnvironmentSettings;
}
