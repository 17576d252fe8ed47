import { stackHealthDashboard } from "../../dashboards/stack/index.js";
import { stackMetrics } from "../../rules/stack/catalog.js";
import { stackAlertCheck } from "../../rules/stack/doctor-check.js";
import { stackRuleFiles } from "../../rules/stack/index.js";
import type { PackDefinition } from "../model/stack-model.js";

/**
 * The monitoring stack watching itself beyond `up`: Prometheus (reloads, rule groups, the alert
 * queue, TSDB, scrape limits, remote write, retention size), Alertmanager (reloads, rejected
 * notifications, the gossip cluster under `ha`), Thanos, Loki, Tempo and Grafana where deployed.
 * It comes with this stack's Prometheus (standalone profile); kube-prometheus-stack ships its own.
 */
export const stackPack: PackDefinition = {
  name: "stack",
  description:
    "the stack's own failure modes, with the Stack health dashboard. Prometheus: PrometheusConfigReloadFailed, PrometheusRuleGroupIterationsMissed, PrometheusRuleGroupSlow, PrometheusNotificationQueueNearFull, PrometheusAlertmanagersNotDiscovered, PrometheusErrorSendingAlerts, PrometheusTSDBCompactionsFailing, PrometheusTSDBHeadTruncationsFailing, PrometheusTSDBWALCorrupted, PrometheusOutOfOrderSamples, PrometheusScrapeLimitHit, PrometheusStorageNearRetentionSize, PrometheusRemoteWriteBehind and PrometheusRemoteWriteFailing (with `prometheus.remoteWriteUrl`). Alertmanager: AlertmanagerConfigReloadFailed, AlertmanagerNotificationsRejected, AlertmanagerClusterMembersInconsistent and AlertmanagerClusterGossipFailing (under `ha`). Thanos (with `longTermStorage`): ThanosSidecarUnhealthy, ThanosSidecarNotUploading, ThanosCompactorHalted, ThanosCompactorNotRunning, ThanosStoreGatewayErrors, ThanosQueryFanOutErrors. Loki and Tempo: LokiRequestErrors, LokiLinesDiscarded, TempoRequestErrors, TempoSpansDiscarded, LokiObjectStorageErrors and TempoObjectStorageErrors (with their `objectStorage`). Grafana: GrafanaDatasourceErrors. `nfops doctor` evaluates the same conditions against a live Prometheus (finding kind `stack-alert`)",
  metrics: stackMetrics,
  ruleFiles: stackRuleFiles,
  dashboards: (context) => [stackHealthDashboard(context)],
  ruleTestsDir: "rules/stack/tests",
  // nfops doctor evaluates the same conditions against a live Prometheus.
  doctorChecks: [stackAlertCheck],
};
