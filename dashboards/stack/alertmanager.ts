import { STACK_METRIC as M } from "../../rules/stack/catalog.js";
import { jobSelector } from "../../rules/core/selectors.js";
import type { StackPlan } from "../../src/model/stack-model.js";
import { prometheusQuery, rateOf, series, timeseries, UNIT, type DashboardRow } from "../common.js";
import { reloadSuccessfulPanel } from "./reload-panel.js";

/** Alertmanager watching itself: reloads, failed and rejected notifications, its gossip cluster (under `ha`). */
export function alertmanagerRow(stack: StackPlan): DashboardRow {
  const job = jobSelector(stack, "alertmanager");
  const of = (metric: string, ...matchers: string[]) => series(metric, job, ...matchers);
  return {
    title: "Alertmanager",
    panels: [
      reloadSuccessfulPanel("Alertmanager", "AlertmanagerConfigReloadFailed", of(M.amConfigReloadSuccessful)),
      timeseries({
        title: "Failed notifications",
        description: "Notifications that could not be delivered per second, by integration (AlertmanagerNotificationsFailing); client errors are rejections by the receiver (AlertmanagerNotificationsRejected, Alertmanager 0.27 and later).",
        unit: UNIT.eventsPerInterval,
        targets: [
          prometheusQuery(`sum by (integration) (${rateOf(of(M.amNotificationsFailed))})`, "{{integration}} failed"),
          prometheusQuery(`sum by (integration) (${rateOf(of(M.amNotificationsFailed, 'reason="clientError"'))})`, "{{integration}} rejected"),
        ],
        min: 0,
        width: 6,
        height: 8,
      }),
      timeseries({
        title: "Notifications sent",
        description: "Notifications attempted per second, by integration: the volume the failures above are part of.",
        unit: UNIT.eventsPerInterval,
        targets: [prometheusQuery(`sum by (integration) (${rateOf(of(M.amNotifications))})`, "{{integration}}")],
        min: 0,
        width: 6,
        height: 8,
      }),
      timeseries({
        title: "Cluster members seen",
        description: "Peers each Alertmanager sees in its gossip cluster (only clustered Alertmanagers, under `ha`); fewer than are running means a split (AlertmanagerClusterMembersInconsistent).",
        unit: UNIT.count,
        targets: [prometheusQuery(of(M.amClusterMembers), "{{instance}}")],
        min: 0,
        width: 6,
        height: 8,
      }),
    ],
  };
}
