import type { InputContract, InputProducerId, Registration } from "../../src/catalog/input-contracts.js";
import { ALERTMANAGER_NOTIFICATIONS_FAILED, alertmanagerNotificationsFailed } from "../../src/catalog/self-metrics.js";
import type { MetricEntry } from "../../src/catalog/types.js";

/**
 * Series the stack pack reads from the stack's own servers. Each name and label was read in the
 * producer's source at the version `src/components/` pins (and, for Prometheus and Alertmanager,
 * also at 2.42 / 0.25, the binaries the end-to-end tests run); the file is cited beside it.
 * `prometheus_rule_evaluation_failures_total` is catalogued beside Prometheus' own alert
 * (`src/components/prometheus-alerts.ts`); `alertmanager_notifications_failed_total`, which
 * Alertmanager's own alert reads too, in `src/catalog/self-metrics.ts`.
 */
export const STACK_METRIC = {
  // prometheus/prometheus v3.5.0 cmd/prometheus/main.go (v2.42.0 the same): 1 when the last reload applied.
  promConfigReloadSuccessful: "prometheus_config_last_reload_successful",
  // v3.5.0 rules/group.go (v2.42.0 rules/manager.go): label `rule_group` = "<file>;<group>".
  ruleGroupIterationsMissed: "prometheus_rule_group_iterations_missed_total",
  ruleGroupLastDuration: "prometheus_rule_group_last_duration_seconds",
  ruleGroupInterval: "prometheus_rule_group_interval_seconds",
  // v3.5.0 notifier/metric.go + notifier/manager.go (v2.42.0 notifier/notifier.go): namespace "prometheus", subsystem "notifications".
  notificationsQueueLength: "prometheus_notifications_queue_length",
  notificationsQueueCapacity: "prometheus_notifications_queue_capacity",
  alertmanagersDiscovered: "prometheus_notifications_alertmanagers_discovered",
  notificationsErrors: "prometheus_notifications_errors_total",
  notificationsSent: "prometheus_notifications_sent_total",
  // v3.5.0 tsdb/db.go, tsdb/head.go (v2.42.0 the same files).
  compactionsFailed: "prometheus_tsdb_compactions_failed_total",
  headTruncationsFailed: "prometheus_tsdb_head_truncations_failed_total",
  walCorruptions: "prometheus_tsdb_wal_corruptions_total",
  storageBlocksBytes: "prometheus_tsdb_storage_blocks_bytes",
  retentionLimitBytes: "prometheus_tsdb_retention_limit_bytes",
  // v3.5.0 scrape/metrics.go (v2.42.0 scrape/scrape.go): no labels.
  scrapeOutOfOrder: "prometheus_target_scrapes_sample_out_of_order_total",
  scrapePoolExceededTargetLimit: "prometheus_target_scrape_pool_exceeded_target_limit_total",
  scrapeExceededSampleLimit: "prometheus_target_scrapes_exceeded_sample_limit_total",
  // v3.5.0 storage/remote/write.go, queue_manager.go, storage.go: const labels `remote_name`, `url` on the queue's series.
  remoteHighestTimestamp: "prometheus_remote_storage_highest_timestamp_in_seconds",
  remoteHighestSentTimestamp: "prometheus_remote_storage_queue_highest_sent_timestamp_seconds",
  remoteSamplesFailed: "prometheus_remote_storage_samples_failed_total",
  remoteSamples: "prometheus_remote_storage_samples_total",
  // prometheus/alertmanager v0.28.1 config/coordinator.go (v0.25.0 the same).
  amConfigReloadSuccessful: "alertmanager_config_last_reload_successful",
  // v0.28.1 cluster/delegate.go, cluster/cluster.go (v0.25.0 the same): registered only with clustering on.
  amClusterMembers: "alertmanager_cluster_members",
  amClusterHealthScore: "alertmanager_cluster_health_score",
  amClusterReconnectionsFailed: "alertmanager_cluster_reconnections_failed_total",
  // v0.28.1 notify/notify.go: `integration` and `reason` (notify/util.go Reason.String(): other, clientError,
  // serverError, contextCanceled, contextDeadlineExceeded; 4xx answers are clientError). v0.25.0 has no `reason`.
  amNotificationRequestsFailed: "alertmanager_notification_requests_failed_total",
  amNotificationsFailed: ALERTMANAGER_NOTIFICATIONS_FAILED,
  amNotifications: "alertmanager_notifications_total",
  // thanos-io/thanos v0.41.0 cmd/thanos/sidecar.go.
  sidecarPrometheusUp: "thanos_sidecar_prometheus_up",
  // v0.41.0 pkg/shipper/shipper.go.
  shipperUploads: "thanos_shipper_uploads_total",
  shipperUploadFailures: "thanos_shipper_upload_failures_total",
  // v0.41.0 cmd/thanos/compact.go (`--wait`: one iteration every wait interval).
  compactHalted: "thanos_compact_halted",
  compactIterations: "thanos_compact_iterations_total",
  // grpc-ecosystem/go-grpc-middleware providers/prometheus server_metrics.go (read at commit 28351d2; thanos v0.41.0 go.mod
  // pins v1.0.1, used in pkg/server/grpc/grpc.go and pkg/extgrpc/client.go): labels grpc_type, grpc_service, grpc_method,
  // grpc_code on `_handled_total`; the names the v0.41.0 mixin reads (mixin/alerts/store.libsonnet, query.libsonnet).
  grpcServerHandled: "grpc_server_handled_total",
  grpcServerStarted: "grpc_server_started_total",
  grpcClientHandled: "grpc_client_handled_total",
  grpcClientStarted: "grpc_client_started_total",
  // thanos-io/objstore objstore.go BucketMetrics (`objstore_bucket_*`, label `operation`, const label `bucket`; read in the
  // copy loki v3.5.3 vendors), registered with the prefix "thanos_" (thanos v0.41.0 cmd/thanos/compact.go and store.go:
  // objstore.WrapWithMetrics(bkt, extprom.WrapRegistererWithPrefix("thanos_", reg), …)); the v0.41.0 mixin reads the same names.
  objstoreOperationFailures: "thanos_objstore_bucket_operation_failures_total",
  objstoreOperations: "thanos_objstore_bucket_operations_total",
  // grafana/loki v3.5.3 vendor/github.com/grafana/dskit/server/metrics.go with MetricsNamespace "loki" (pkg/loki/loki.go);
  // grafana/tempo v2.8.2 the same dskit file with "tempo" (cmd/tempo/app/app.go). Labels method, route, status_code, ws.
  lokiRequestDuration: "loki_request_duration_seconds",
  tempoRequestDuration: "tempo_request_duration_seconds",
  // loki v3.5.3 pkg/validation/validate.go: labels reason (rate_limited, line_too_long, …), tenant.
  lokiDiscardedSamples: "loki_discarded_samples_total",
  // loki v3.5.3 pkg/storage/chunk/client/aws/s3_storage_client.go, gcp/instrumentation.go, azure/blob_storage_client.go:
  // labels operation, status_code (S3 and Azure via dskit instrument.ErrorCode: "200" or "500"; GCS the HTTP status).
  lokiS3RequestDuration: "loki_s3_request_duration_seconds",
  lokiGcsRequestDuration: "loki_gcs_request_duration_seconds",
  lokiAzureRequestDuration: "loki_azure_blob_request_duration_seconds",
  // tempo v2.8.2 modules/overrides/discarded_spans.go: labels reason (rate_limited, trace_too_large, …), tenant.
  tempoDiscardedSpans: "tempo_discarded_spans_total",
  // tempo v2.8.2 tempodb/backend/instrumentation/backend_transports.go: labels operation, status_code (HTTP status of the bucket's answer).
  tempoBackendRequestDuration: "tempodb_backend_request_duration_seconds",
  // grafana/grafana pkg/infra/httpclient/httpclientprovider/datasource_metrics_middleware.go (12.x; promhttp counts
  // answered requests only): labels datasource, datasource_type, code, method.
  grafanaDatasourceRequests: "grafana_datasource_request_total",
} as const;

type Entry = Omit<MetricEntry, "producer">;
const M = STACK_METRIC;
const of =
  (producer: MetricEntry["producer"]) =>
  (entry: Entry): MetricEntry => ({ ...entry, producer });
/**
 * The contract of a series one of the stack's own servers writes (sources: the producers in
 * src/catalog/input-contracts.ts). `lazy` where a label's value first appears with traffic (a route,
 * a reason, a datasource), `optional` for the bucket client of an `objectStorage.type` not chosen.
 */
const from =
  (producer: InputProducerId, registration: Registration, enabledBy: string) =>
  (entry: MetricEntry): MetricEntry => ({ ...entry, input: { producer, registration, enabledBy } satisfies InputContract });
const prometheus = of("prometheus");
const alertmanager = of("alertmanager");
const QUEUE = ["remote_name", "url"];
const HTTP = ["method", "route", "status_code"];
const BUCKET = ["operation", "status_code"];
const GRPC = ["grpc_service", "grpc_method", "grpc_code"];

export const stackMetrics: readonly MetricEntry[] = [
  prometheus({ name: M.promConfigReloadSuccessful, type: "gauge", unit: "boolean", labels: [], description: "1 when the last configuration reload applied; 0 keeps the old configuration running." }),
  prometheus({ name: M.ruleGroupIterationsMissed, type: "counter", unit: "evaluations", labels: ["rule_group"], description: "Evaluations of a rule group skipped because the previous one was still running." }),
  prometheus({ name: M.ruleGroupLastDuration, type: "gauge", unit: "seconds", labels: ["rule_group"], description: "How long the group's last evaluation took." }),
  prometheus({ name: M.ruleGroupInterval, type: "gauge", unit: "seconds", labels: ["rule_group"], description: "The group's evaluation interval." }),
  prometheus({ name: M.notificationsQueueLength, type: "gauge", unit: "alerts", labels: [], description: "Alerts waiting to be sent to Alertmanager." }),
  prometheus({ name: M.notificationsQueueCapacity, type: "gauge", unit: "alerts", labels: [], description: "Capacity of that queue; alerts beyond it are dropped." }),
  prometheus({ name: M.alertmanagersDiscovered, type: "gauge", unit: "Alertmanagers", labels: [], description: "Alertmanagers discovered and active." }),
  prometheus({ name: M.notificationsErrors, type: "counter", unit: "alerts", labels: ["alertmanager"], description: "Alerts whose sending to an Alertmanager failed." }),
  prometheus({ name: M.notificationsSent, type: "counter", unit: "alerts", labels: ["alertmanager"], description: "Alerts sent to an Alertmanager." }),
  prometheus({ name: M.compactionsFailed, type: "counter", unit: "compactions", labels: [], description: "TSDB compactions that failed." }),
  prometheus({ name: M.headTruncationsFailed, type: "counter", unit: "truncations", labels: [], description: "TSDB head truncations that failed." }),
  prometheus({ name: M.walCorruptions, type: "counter", unit: "corruptions", labels: [], description: "WAL corruptions found (and repaired by dropping data) at start." }),
  prometheus({ name: M.storageBlocksBytes, type: "gauge", unit: "bytes", labels: [], description: "Bytes the persisted blocks take." }),
  prometheus({ name: M.retentionLimitBytes, type: "gauge", unit: "bytes", labels: [], description: "`--storage.tsdb.retention.size`; 0 when unset." }),
  prometheus({ name: M.scrapeOutOfOrder, type: "counter", unit: "samples", labels: [], description: "Scraped samples rejected for being out of order." }),
  prometheus({ name: M.scrapePoolExceededTargetLimit, type: "counter", unit: "events", labels: [], description: "Times a scrape pool hit its target limit." }),
  prometheus({ name: M.scrapeExceededSampleLimit, type: "counter", unit: "scrapes", labels: [], description: "Scrapes rejected for exceeding the sample limit." }),
  prometheus({ name: M.remoteHighestTimestamp, type: "gauge", unit: "seconds since epoch", labels: [], description: "Newest sample appended to the TSDB and handed to remote write." }),
  prometheus({ name: M.remoteHighestSentTimestamp, type: "gauge", unit: "seconds since epoch", labels: QUEUE, description: "Newest sample a remote-write queue has sent." }),
  prometheus({ name: M.remoteSamplesFailed, type: "counter", unit: "samples", labels: QUEUE, description: "Samples remote write dropped on non-recoverable errors." }),
  prometheus({ name: M.remoteSamples, type: "counter", unit: "samples", labels: QUEUE, description: "Samples remote write sent." }),
  alertmanager({ name: M.amConfigReloadSuccessful, type: "gauge", unit: "boolean", labels: [], description: "1 when the last configuration reload applied." }),
  alertmanager({ name: M.amClusterMembers, type: "gauge", unit: "peers", labels: [], description: "Peers this Alertmanager sees in its gossip cluster (itself included)." }),
  alertmanager({ name: M.amClusterHealthScore, type: "gauge", unit: "score", labels: [], description: "memberlist's health score: 0 is healthy, higher means failed probes." }),
  alertmanager({ name: M.amClusterReconnectionsFailed, type: "counter", unit: "attempts", labels: [], description: "Failed attempts to reconnect to a lost peer." }),
  alertmanager({ name: M.amNotificationRequestsFailed, type: "counter", unit: "requests", labels: ["integration"], description: "Notification requests that failed, retries included." }),
  alertmanager({ name: M.amNotifications, type: "counter", unit: "notifications", labels: ["integration"], description: "Notifications attempted." }),
  alertmanagerNotificationsFailed,
  prometheus({ name: M.sidecarPrometheusUp, type: "gauge", unit: "boolean", labels: [], description: "1 when the Thanos sidecar reaches its Prometheus (job of the sidecars)." }),
  prometheus({ name: M.shipperUploads, type: "counter", unit: "blocks", labels: [], description: "Blocks the sidecar uploaded to the bucket." }),
  prometheus({ name: M.shipperUploadFailures, type: "counter", unit: "blocks", labels: [], description: "Block uploads that failed." }),
  from("thanos-compactor", "eager", "thanos compact (always on)")(of("thanosCompactor")({ name: M.compactHalted, type: "gauge", unit: "boolean", labels: [], description: "1 when the compactor halted on an error it will not retry." })),
  from("thanos-compactor", "eager", "thanos compact --wait (always on)")(of("thanosCompactor")({ name: M.compactIterations, type: "counter", unit: "iterations", labels: [], description: "Compaction iterations run." })),
  from("thanos-store", "eager", "thanos store gRPC server (always on)")(of("thanosStore")({ name: M.grpcServerHandled, type: "counter", unit: "RPCs", labels: GRPC, description: "gRPC calls a Thanos server finished, by code." })),
  from("thanos-store", "eager", "thanos store gRPC server (always on)")(of("thanosStore")({ name: M.grpcServerStarted, type: "counter", unit: "RPCs", labels: ["grpc_service", "grpc_method"], description: "gRPC calls a Thanos server started." })),
  from("thanos-query", "lazy", "thanos query --endpoint (a store's series at its first call)")(of("thanosQuery")({ name: M.grpcClientHandled, type: "counter", unit: "RPCs", labels: GRPC, description: "gRPC calls Thanos Query made to its stores, by code." })),
  from("thanos-query", "lazy", "thanos query --endpoint (a store's series at its first call)")(of("thanosQuery")({ name: M.grpcClientStarted, type: "counter", unit: "RPCs", labels: ["grpc_service", "grpc_method"], description: "gRPC calls Thanos Query started to its stores." })),
  from("thanos-store", "eager", "thanos store --objstore.config (always on)")(of("thanosStore")({ name: M.objstoreOperationFailures, type: "counter", unit: "operations", labels: ["operation"], description: "Bucket operations that failed." })),
  from("thanos-store", "eager", "thanos store --objstore.config (always on)")(of("thanosStore")({ name: M.objstoreOperations, type: "counter", unit: "operations", labels: ["operation"], description: "Bucket operations." })),
  from("loki", "lazy", "Loki's server (always on; a route's series at its first request)")(of("loki")({ name: M.lokiRequestDuration, type: "histogram", unit: "seconds", labels: HTTP, description: "Loki's HTTP and gRPC requests served, by route and status." })),
  from("loki", "lazy", "Loki's distributor (a reason's series at its first discarded line)")(of("loki")({ name: M.lokiDiscardedSamples, type: "counter", unit: "log lines", labels: ["reason", "tenant"], description: "Log lines Loki refused, by reason (`rate_limited` …)." })),
  from("loki", "optional", "loki.objectStorage.type: s3")(of("loki")({ name: M.lokiS3RequestDuration, type: "histogram", unit: "seconds", labels: BUCKET, description: "Loki's S3 requests." })),
  from("loki", "optional", "loki.objectStorage.type: gcs")(of("loki")({ name: M.lokiGcsRequestDuration, type: "histogram", unit: "seconds", labels: BUCKET, description: "Loki's GCS requests." })),
  from("loki", "optional", "loki.objectStorage.type: azure")(of("loki")({ name: M.lokiAzureRequestDuration, type: "histogram", unit: "seconds", labels: BUCKET, description: "Loki's Azure Blob requests." })),
  from("tempo", "lazy", "Tempo's server (always on; a route's series at its first request)")(of("tempo")({ name: M.tempoRequestDuration, type: "histogram", unit: "seconds", labels: HTTP, description: "Tempo's HTTP and gRPC requests served, by route and status." })),
  from("tempo", "lazy", "Tempo's distributor (a reason's series at its first discarded span)")(of("tempo")({ name: M.tempoDiscardedSpans, type: "counter", unit: "spans", labels: ["reason", "tenant"], description: "Spans Tempo refused, by reason (`rate_limited` …)." })),
  from("tempo", "optional", "tempo.objectStorage set (s3, gcs or azure)")(of("tempo")({ name: M.tempoBackendRequestDuration, type: "histogram", unit: "seconds", labels: BUCKET, description: "Tempo's object-storage requests." })),
  from("grafana", "lazy", "Grafana's datasource proxy (a datasource's series at its first answered request)")(of("grafana")({ name: M.grafanaDatasourceRequests, type: "counter", unit: "requests", labels: ["datasource", "datasource_type", "code"], description: "Requests Grafana sent to a datasource that got an answer, by status code." })),
];
