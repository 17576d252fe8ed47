import { STACK_METRIC as M } from "../../rules/stack/catalog.js";
import { jobSelector } from "../../rules/core/selectors.js";
import type { StackPlan } from "../../src/model/stack-model.js";
import { prometheusQuery, rateOf, series, timeseries, upperLimit, UNIT, type DashboardRow } from "../common.js";
import { reloadSuccessfulPanel } from "./reload-panel.js";

/** Prometheus watching itself: reloads, rule groups against their interval, the alert queue, storage. */
export function prometheusRow(stack: StackPlan): DashboardRow {
  const job = jobSelector(stack, "prometheus");
  const of = (metric: string) => series(metric, job);
  return {
    title: "Prometheus",
    panels: [
      reloadSuccessfulPanel("Prometheus", "PrometheusConfigReloadFailed", of(M.promConfigReloadSuccessful)),
      timeseries({
        title: "Rule group duration / interval",
        description: "Each rule group's last evaluation time as a share of its interval; above 100 % evaluations are skipped (PrometheusRuleGroupSlow, PrometheusRuleGroupIterationsMissed).",
        unit: UNIT.ratio,
        targets: [prometheusQuery(`${of(M.ruleGroupLastDuration)} / ${of(M.ruleGroupInterval)}`, "{{rule_group}}")],
        thresholds: upperLimit(1),
        min: 0,
        width: 6,
        height: 8,
      }),
      timeseries({
        title: "Skipped rule evaluations",
        description: "Rule group evaluations skipped per second because the previous one was still running.",
        unit: UNIT.eventsPerInterval,
        targets: [prometheusQuery(rateOf(of(M.ruleGroupIterationsMissed)), "{{rule_group}}")],
        min: 0,
        width: 6,
        height: 8,
      }),
      timeseries({
        title: "Alert queue fill",
        description: "Alerts waiting for Alertmanager as a share of the queue's capacity; beyond 100 % alerts are dropped (PrometheusNotificationQueueNearFull at 80 %).",
        unit: UNIT.ratio,
        targets: [prometheusQuery(`${of(M.notificationsQueueLength)} / ${of(M.notificationsQueueCapacity)}`, "{{instance}}")],
        thresholds: upperLimit(0.8),
        min: 0,
        width: 6,
        height: 8,
      }),
      timeseries({
        title: "Alerts failing to reach Alertmanager",
        description: "Share of the alerts sent to each Alertmanager that failed (PrometheusErrorSendingAlerts at 1 %).",
        unit: UNIT.ratio,
        targets: [prometheusQuery(`${rateOf(of(M.notificationsErrors))} / ${rateOf(of(M.notificationsSent))}`, "{{instance}} → {{alertmanager}}")],
        thresholds: upperLimit(0.01),
        min: 0,
        width: 8,
        height: 8,
      }),
      timeseries({
        title: "TSDB failures and dropped samples",
        description: "Failed compactions and head truncations, WAL corruptions, out-of-order samples and scrape-limit hits per second; any is worth a look.",
        unit: UNIT.eventsPerInterval,
        targets: [
          prometheusQuery(rateOf(of(M.compactionsFailed)), "compactions failed {{instance}}"),
          prometheusQuery(rateOf(of(M.headTruncationsFailed)), "head truncations failed {{instance}}"),
          prometheusQuery(rateOf(of(M.walCorruptions)), "WAL corruptions {{instance}}"),
          prometheusQuery(rateOf(of(M.scrapeOutOfOrder)), "out-of-order samples {{instance}}"),
          prometheusQuery(rateOf(of(M.scrapeExceededSampleLimit)), "sample limit hit {{instance}}"),
        ],
        min: 0,
        width: 8,
        height: 8,
      }),
      timeseries({
        title: "Blocks / retention size",
        description: "Bytes of persisted blocks as a share of --storage.tsdb.retention.size; at 100 % the oldest blocks go before the retention time (PrometheusStorageNearRetentionSize at 90 %).",
        unit: UNIT.ratio,
        targets: [prometheusQuery(`${of(M.storageBlocksBytes)} / (${of(M.retentionLimitBytes)} > 0)`, "{{instance}}")],
        thresholds: upperLimit(0.9),
        min: 0,
        width: 8,
        height: 8,
      }),
    ],
  };
}
