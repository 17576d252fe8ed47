import type { ComponentKey, StackPlan } from "../../src/model/stack-model.js";
import { formatNumber } from "../../src/promql/expressions.js";
import type { Severity } from "../../src/promql/rule-builders.js";
import { rateWindow } from "../../src/promql/windows.js";
import { jobSelector } from "../core/selectors.js";
import { STACK_METRIC as M } from "./catalog.js";

/**
 * One alert of the stack pack as plain data: what it watches (`component`), its PromQL, how long
 * the condition must hold, severity and text. The rule file is built from these, and a live check
 * (`nfops doctor`) can evaluate the same `expr` as instant queries against a running Prometheus:
 * every expression is self-contained (no recording rule of this pack is needed to evaluate it).
 */
export interface StackAlert {
  readonly name: string;
  /** The component whose failure it reports; its rule group is `nfops-stack-<component>`. */
  readonly component: "prometheus" | "alertmanager" | "thanos" | "loki" | "tempo" | "grafana";
  readonly expr: string;
  readonly for: string;
  readonly severity: Severity;
  readonly summary: string;
  /** Go template showing `$value`. */
  readonly description: string;
}

/** Share of failing requests (or bucket operations) that makes a server's errors an alert. */
const ERROR_RATIO = 0.05;
/** gRPC codes that are the server's fault (the Thanos mixin's list, v0.41.0 mixin/alerts/store.libsonnet). */
const GRPC_SERVER_FAULTS = 'grpc_code=~"Unknown|ResourceExhausted|Internal|Unavailable|DataLoss|DeadlineExceeded"';
/** Loki's chunk-store request series by `loki.objectStorage.type` (catalog: one per client). */
const LOKI_BUCKET_METRIC = { s3: M.lokiS3RequestDuration, gcs: M.lokiGcsRequestDuration, azure: M.lokiAzureRequestDuration } as const;

/** Loki and Tempo: the same three alerts over their own series and words. */
interface LogAndTraceStore {
  readonly component: "loki" | "tempo";
  readonly title: "Loki" | "Tempo";
  /** dskit's request histogram of the server. */
  readonly requests: string;
  /** Counter of refused items, by `reason`. */
  readonly discarded: string;
  /** Request histogram of its bucket client, by the `objectStorage.type` configured. */
  readonly bucketRequests: (type: "s3" | "gcs" | "azure") => string;
  /** Name of the alert on refused items. */
  readonly discardedAlert: string;
  readonly discardedSummary: string;
  /** Plural noun of what it refuses, as in "discards 1.0 lines/s". */
  readonly items: string;
  readonly bucketSummary: string;
}

const LOG_AND_TRACE_STORES: readonly LogAndTraceStore[] = [
  {
    component: "loki",
    title: "Loki",
    requests: M.lokiRequestDuration,
    discarded: M.lokiDiscardedSamples,
    discardedAlert: "LokiLinesDiscarded",
    bucketRequests: (type) => LOKI_BUCKET_METRIC[type],
    discardedSummary: "Loki refuses log lines (rate limit, size or age): those logs are lost.",
    items: "lines",
    bucketSummary: "Loki's requests to its bucket fail: chunks are not flushed or not read.",
  },
  {
    component: "tempo",
    title: "Tempo",
    requests: M.tempoRequestDuration,
    discarded: M.tempoDiscardedSpans,
    discardedAlert: "TempoSpansDiscarded",
    bucketRequests: () => M.tempoBackendRequestDuration,
    discardedSummary: "Tempo refuses spans (rate limit, trace size, live traces): those traces are incomplete.",
    items: "spans",
    bucketSummary: "Tempo's requests to its bucket fail: blocks are not written or not read.",
  },
];

/** `<Store>RequestErrors`, `<Store>…Discarded` and, on object storage, `<Store>ObjectStorageErrors`. */
function logAndTraceStoreAlerts(store: LogAndTraceStore, job: string, w: string, bucketType: "s3" | "gcs" | "azure" | undefined): StackAlert[] {
  const { component, title } = store;
  const alerts: StackAlert[] = [
    {
      name: `${title}RequestErrors`,
      component,
      expr: failingShare("job, route", `${store.requests}_count{${job}, status_code=~"5.."}`, `${store.requests}_count{${job}}`, w),
      for: "15m",
      severity: "warning",
      summary: `${title} fails requests.`,
      description: "{{ $labels.job }} fails {{ $value | humanizePercentage }} of the requests to {{ $labels.route }}.",
    },
    {
      name: store.discardedAlert,
      component,
      expr: `sum by (job, reason) (rate(${store.discarded}{${job}}[${w}])) > 0`,
      for: "15m",
      severity: "warning",
      summary: store.discardedSummary,
      description: `{{ $labels.job }} discards {{ $value | printf "%.1f" }} ${store.items}/s for {{ $labels.reason }}.`,
    },
  ];
  if (bucketType !== undefined) {
    const metric = store.bucketRequests(bucketType);
    alerts.push({
      name: `${title}ObjectStorageErrors`,
      component,
      expr: failingShare("job, operation", `${metric}_count{${job}, status_code=~"5.."}`, `${metric}_count{${job}}`, w),
      for: "15m",
      severity: "warning",
      summary: store.bucketSummary,
      description: "{{ $labels.job }} fails {{ $value | humanizePercentage }} of its {{ $labels.operation }} requests to the bucket.",
    });
  }
  return alerts;
}

/** `sum by (labels) (rate(errors)) / sum by (labels) (rate(all)) > ratio`. */
function failingShare(by: string, errors: string, all: string, window: string, ratio = ERROR_RATIO): string {
  return `sum by (${by}) (rate(${errors}[${window}]))\n/\nsum by (${by}) (rate(${all}[${window}]))\n> ${formatNumber(ratio)}`;
}

/**
 * The stack pack's alerts for what an environment deploys and configures, in group order.
 * Prometheus' own alerts come with the pack (it is brought by the Prometheus component); the
 * others only where their component (and, for object storage and remote write, its setting) is.
 */
export function stackAlerts(stack: StackPlan): StackAlert[] {
  const { settings } = stack;
  const w = rateWindow(settings);
  const job = (key: ComponentKey) => jobSelector(stack, key);
  const prom = job("prometheus");
  const alerts: StackAlert[] = [
    {
      name: "PrometheusConfigReloadFailed",
      component: "prometheus",
      expr: `${M.promConfigReloadSuccessful}{${prom}} == 0`,
      for: "10m",
      severity: "warning",
      summary: "Prometheus rejected its new configuration and keeps running the old one.",
      description: "{{ $labels.instance }} failed to reload its configuration (last reload successful = {{ $value }}): scrape jobs, rules or receivers changed since are not in effect.",
    },
    {
      name: "PrometheusRuleGroupIterationsMissed",
      component: "prometheus",
      expr: `increase(${M.ruleGroupIterationsMissed}{${prom}}[${w}]) > 0`,
      for: "5m",
      severity: "warning",
      summary: "A rule group skips evaluations: its alerts and recordings have gaps.",
      description: "{{ $labels.instance }} skipped {{ $value | printf \"%.0f\" }} evaluations of {{ $labels.rule_group }} in the last " + w + " because the previous one was still running.",
    },
    {
      name: "PrometheusRuleGroupSlow",
      component: "prometheus",
      expr: `${M.ruleGroupLastDuration}{${prom}}\n> ${M.ruleGroupInterval}{${prom}}`,
      for: "15m",
      severity: "warning",
      summary: "A rule group takes longer to evaluate than its interval.",
      description: "{{ $labels.rule_group }} on {{ $labels.instance }} took {{ $value | printf \"%.1f\" }} s, longer than its interval: evaluations will be skipped.",
    },
    {
      name: "PrometheusNotificationQueueNearFull",
      component: "prometheus",
      expr: `max_over_time(${M.notificationsQueueLength}{${prom}}[${w}])\n/ ${M.notificationsQueueCapacity}{${prom}}\n> 0.8`,
      for: "15m",
      severity: "warning",
      summary: "Prometheus' queue of alerts for Alertmanager is nearly full: alerts beyond it are dropped.",
      description: "{{ $labels.instance }}'s notification queue peaked at {{ $value | humanizePercentage }} of its capacity.",
    },
    {
      name: "PrometheusTSDBCompactionsFailing",
      component: "prometheus",
      expr: `increase(${M.compactionsFailed}{${prom}}[3h]) > 0`,
      for: "0s",
      severity: "warning",
      summary: "Prometheus fails to compact its storage.",
      description: "{{ $labels.instance }} had {{ $value | printf \"%.0f\" }} failed TSDB compactions in 3 hours: the head grows and the disk fills.",
    },
    {
      name: "PrometheusTSDBHeadTruncationsFailing",
      component: "prometheus",
      expr: `increase(${M.headTruncationsFailed}{${prom}}[3h]) > 0`,
      for: "0s",
      severity: "warning",
      summary: "Prometheus fails to truncate its in-memory head.",
      description: "{{ $labels.instance }} had {{ $value | printf \"%.0f\" }} failed head truncations in 3 hours: memory use grows until it is killed.",
    },
    {
      name: "PrometheusTSDBWALCorrupted",
      component: "prometheus",
      expr: `increase(${M.walCorruptions}{${prom}}[3h]) > 0`,
      for: "0s",
      severity: "warning",
      summary: "Prometheus found its write-ahead log corrupt and dropped what followed the corruption.",
      description: "{{ $labels.instance }} found {{ $value | printf \"%.0f\" }} WAL corruptions in 3 hours: samples since the last block may be lost.",
    },
    {
      name: "PrometheusOutOfOrderSamples",
      component: "prometheus",
      expr: `rate(${M.scrapeOutOfOrder}{${prom}}[${w}]) > 0`,
      for: "10m",
      severity: "warning",
      summary: "Prometheus drops scraped samples that arrive out of order.",
      description: "{{ $labels.instance }} drops {{ $value | printf \"%.2f\" }} out-of-order samples/s: an exporter sets timestamps, or two targets write the same series.",
    },
    {
      name: "PrometheusScrapeLimitHit",
      component: "prometheus",
      expr: `increase(${M.scrapePoolExceededTargetLimit}{${prom}}[${w}]) > 0\nor\nincrease(${M.scrapeExceededSampleLimit}{${prom}}[${w}]) > 0`,
      for: "15m",
      severity: "warning",
      summary: "A scrape pool is over its target or sample limit: its targets are not scraped.",
      description: "{{ $labels.instance }} hit a scrape limit {{ $value | printf \"%.0f\" }} times in " + w + ": the targets (or scrapes) over it are dropped whole.",
    },
    {
      name: "PrometheusStorageNearRetentionSize",
      component: "prometheus",
      expr: `${M.storageBlocksBytes}{${prom}}\n/ (${M.retentionLimitBytes}{${prom}} > 0)\n> 0.9`,
      for: "1h",
      severity: "warning",
      summary: "Prometheus' blocks are near the retention size: data goes before the retention time.",
      description: `{{ $labels.instance }}'s blocks fill {{ $value | humanizePercentage }} of --storage.tsdb.retention.size: the oldest blocks are deleted before ${settings.retention.prometheus}.`,
    },
  ];
  if (stack.isDeployed("alertmanager")) {
    alerts.push(
      {
        name: "PrometheusAlertmanagersNotDiscovered",
        component: "prometheus",
        expr: `${M.alertmanagersDiscovered}{${prom}} < 1`,
        for: "10m",
        severity: "warning",
        summary: "Prometheus has no Alertmanager to send alerts to.",
        description: "{{ $labels.instance }} discovers {{ $value }} Alertmanagers: no alert leaves it (the Watchdog heartbeat stops).",
      },
      {
        name: "PrometheusErrorSendingAlerts",
        component: "prometheus",
        expr: failingShare("job, instance, alertmanager", `${M.notificationsErrors}{${prom}}`, `${M.notificationsSent}{${prom}}`, w, 0.01),
        for: "15m",
        severity: "warning",
        summary: "Prometheus fails to send alerts to an Alertmanager.",
        description: "{{ $labels.instance }} fails {{ $value | humanizePercentage }} of the alerts it sends to {{ $labels.alertmanager }}.",
      },
    );
  }
  if (settings.prometheus.remoteWriteUrl !== "") {
    alerts.push(
      {
        name: "PrometheusRemoteWriteBehind",
        component: "prometheus",
        expr: `max_over_time(${M.remoteHighestTimestamp}{${prom}}[${w}])\n- ignoring (remote_name, url) group_right\nmax_over_time(${M.remoteHighestSentTimestamp}{${prom}}[${w}])\n> 120`,
        for: "15m",
        severity: "warning",
        summary: "Remote write is falling behind.",
        description: "{{ $labels.instance }}'s remote write to {{ $labels.url }} is {{ $value | printf \"%.0f\" }} s behind the newest sample.",
      },
      {
        name: "PrometheusRemoteWriteFailing",
        component: "prometheus",
        expr: `rate(${M.remoteSamplesFailed}{${prom}}[${w}])\n/\n(rate(${M.remoteSamplesFailed}{${prom}}[${w}]) + rate(${M.remoteSamples}{${prom}}[${w}]))\n> 0.01`,
        for: "15m",
        severity: "critical",
        summary: "Remote write drops samples: the long-term store loses data.",
        description: "{{ $labels.instance }} drops {{ $value | humanizePercentage }} of the samples it writes to {{ $labels.url }}.",
      },
    );
  }
  if (stack.isDeployed("alertmanager")) {
    const am = job("alertmanager");
    alerts.push(
      {
        name: "AlertmanagerConfigReloadFailed",
        component: "alertmanager",
        expr: `${M.amConfigReloadSuccessful}{${am}} == 0`,
        for: "10m",
        severity: "warning",
        summary: "Alertmanager rejected its new configuration and keeps running the old one.",
        description: "{{ $labels.instance }} failed to reload its configuration (last reload successful = {{ $value }}): routes and receivers changed since are not in effect.",
      },
      {
        name: "AlertmanagerNotificationsRejected",
        component: "alertmanager",
        // `reason` exists from Alertmanager 0.27 (notify/notify.go); older ones never fire this.
        expr: `sum by (job, instance, integration) (rate(${M.amNotificationsFailed}{${am}, reason="clientError"}[${w}])) > 0`,
        for: "10m",
        severity: "warning",
        summary: "A receiver rejects Alertmanager's notifications: retrying will not help.",
        description: "{{ $labels.integration }} answers {{ $value | printf \"%.3f\" }} notifications/s from {{ $labels.instance }} with a client error: a wrong key, URL, channel or payload.",
      },
    );
    if (settings.ha.enabled === true) {
      alerts.push(
        {
          name: "AlertmanagerClusterMembersInconsistent",
          component: "alertmanager",
          expr: `max_over_time(${M.amClusterMembers}{${am}}[${w}])\n< on () group_left ()\ncount(max_over_time(${M.amClusterMembers}{${am}}[${w}]))`,
          for: "15m",
          severity: "warning",
          summary: "An Alertmanager sees fewer cluster peers than are running: notifications may be sent twice.",
          description: "{{ $labels.instance }} sees {{ $value }} members of its gossip cluster, fewer than the Alertmanagers scraped.",
        },
        {
          name: "AlertmanagerClusterGossipFailing",
          component: "alertmanager",
          expr: `sum by (job, instance) (increase(${M.amClusterReconnectionsFailed}{${am}}[${w}])) > 0\nor\nmax by (job, instance) (${M.amClusterHealthScore}{${am}}) > 0`,
          for: "15m",
          severity: "warning",
          summary: "An Alertmanager fails to gossip with its peers.",
          description: "{{ $labels.instance }} fails to reach its peers (failed reconnections or health score {{ $value }}): silences and the notification log drift apart.",
        },
      );
    }
  }
  const sidecarJob = settings.longTermStorage !== undefined ? stack.component("prometheus").scrape.extraJobs?.(stack)[0]?.job_name : undefined;
  if (sidecarJob !== undefined) {
    const sidecar = `job="${sidecarJob}"`;
    alerts.push(
      {
        name: "ThanosSidecarUnhealthy",
        component: "thanos",
        expr: `${M.sidecarPrometheusUp}{${sidecar}} == 0`,
        for: "5m",
        severity: "warning",
        summary: "A Thanos sidecar cannot reach its Prometheus.",
        description: "The sidecar {{ $labels.instance }} has not reached its Prometheus for 5 minutes: its data is missing from Thanos Query and nothing is uploaded.",
      },
      {
        // A block is cut every 2 h and shipped once compacted out of the head (by 3 h after start):
        // 4 h without an upload is a sidecar that stopped, and `for` outlasts a new pod's first 3 h.
        name: "ThanosSidecarNotUploading",
        component: "thanos",
        expr: `increase(${M.shipperUploads}{${sidecar}}[4h]) == 0`,
        for: "4h",
        severity: "warning",
        summary: "A Thanos sidecar has uploaded no block to the bucket for hours.",
        description: "The sidecar {{ $labels.instance }} uploaded {{ $value }} blocks in 4 hours: data older than Prometheus' own retention will be lost.",
      },
    );
  }
  if (stack.isDeployed("thanosCompactor")) {
    const compactor = job("thanosCompactor");
    alerts.push(
      {
        name: "ThanosCompactorHalted",
        component: "thanos",
        expr: `${M.compactHalted}{${compactor}} == 1`,
        for: "5m",
        severity: "warning",
        summary: "The Thanos Compactor halted on an error it does not retry.",
        description: "{{ $labels.instance }} halted ({{ $value }}): nothing is compacted, downsampled or deleted in the bucket until it is fixed and restarted.",
      },
      {
        name: "ThanosCompactorNotRunning",
        component: "thanos",
        expr: `increase(${M.compactIterations}{${compactor}}[6h]) == 0`,
        for: "1h",
        severity: "warning",
        summary: "The Thanos Compactor has finished no iteration for hours.",
        description: "{{ $labels.instance }} finished {{ $value }} compaction iterations in 6 hours: the bucket grows and long-range queries slow down.",
      },
    );
  }
  if (stack.isDeployed("thanosStore")) {
    const store = job("thanosStore");
    alerts.push({
      name: "ThanosStoreGatewayErrors",
      component: "thanos",
      expr: `${failingShare("job", `${M.grpcServerHandled}{${store}, ${GRPC_SERVER_FAULTS}}`, `${M.grpcServerStarted}{${store}}`, w)}\nor\n${failingShare("job", `${M.objstoreOperationFailures}{${store}}`, `${M.objstoreOperations}{${store}}`, w)}`,
      for: "5m",
      severity: "warning",
      summary: "The Thanos Store Gateway fails requests or bucket operations: long-range queries lose data.",
      description: "{{ $labels.job }} fails {{ $value | humanizePercentage }} of its gRPC calls or bucket operations.",
    });
  }
  if (stack.isDeployed("thanosQuery")) {
    const query = job("thanosQuery");
    alerts.push({
      name: "ThanosQueryFanOutErrors",
      component: "thanos",
      expr: failingShare("job", `${M.grpcClientHandled}{${query}, grpc_code!="OK"}`, `${M.grpcClientStarted}{${query}}`, w),
      for: "5m",
      severity: "warning",
      summary: "Thanos Query's calls to its stores fail: dashboards show partial data.",
      description: "{{ $labels.job }} fails {{ $value | humanizePercentage }} of its calls to sidecars and Store Gateways.",
    });
  }
  for (const store of LOG_AND_TRACE_STORES) {
    if (stack.isDeployed(store.component)) alerts.push(...logAndTraceStoreAlerts(store, job(store.component), w, settings[store.component].objectStorage?.type));
  }
  if (stack.isDeployed("grafana")) {
    const grafana = job("grafana");
    alerts.push({
      name: "GrafanaDatasourceErrors",
      component: "grafana",
      expr: failingShare("job, datasource", `${M.grafanaDatasourceRequests}{${grafana}, code=~"5.."}`, `${M.grafanaDatasourceRequests}{${grafana}}`, w, 0.1),
      for: "15m",
      severity: "warning",
      summary: "A Grafana datasource answers with server errors: panels show no data.",
      description: "{{ $value | humanizePercentage }} of Grafana's requests to {{ $labels.datasource }} fail with a server error.",
    });
  }
  return alerts;
}
