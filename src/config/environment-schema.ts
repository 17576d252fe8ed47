import type { FromSchema } from "json-schema-to-ts";
import { COMPONENT_SETTINGS_SCHEMA } from "../settings/components.js";
import { PACK_SETTINGS_SCHEMA } from "../settings/packs.js";
import { costExporterBlock, regionSetting } from "./cost-exporter-settings.js";
import { dnsLabel, duration, enabled, gibibytes, labelKey, labelValue, optionalDnsSubdomain, promLabelName, withSetting } from "../settings/schema-shapes.js";

/**
 * JSON Schema of one environment (`stacks/<env>.yaml`).
 *
 * Composed from the settings each owner writes (the packs' and components', in `src/settings/`;
 * the cost exporter's, in `cost-exporter-settings.ts`) and the library's own below: together the single place where configuration
 * defaults live. ajv fills them in at load time (`useDefaults`), docs/configuration.md is generated
 * from the descriptions, and the TypeScript type of the resolved configuration is derived from this
 * object, so schema, type and docs cannot drift apart.
 */


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
    region: regionSetting,
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
    ...PACK_SETTINGS_SCHEMA,
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
    ...COMPONENT_SETTINGS_SCHEMA,
    costExporter: costExporterBlock,
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
