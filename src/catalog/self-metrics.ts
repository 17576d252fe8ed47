import type { MetricEntry } from "./types.js";

/**
 * Series of the stack's own servers that more than one owner reads: Alertmanager's own alert
 * (AlertmanagerNotificationsFailing) and the stack pack (AlertmanagerNotificationsRejected, the
 * Stack health dashboard). prometheus/alertmanager v0.28.1 notify/notify.go (v0.25.0 the same name
 * and `integration`; `reason` since v0.26).
 */
export const ALERTMANAGER_NOTIFICATIONS_FAILED = "alertmanager_notifications_failed_total";

export const alertmanagerNotificationsFailed: MetricEntry = {
  name: ALERTMANAGER_NOTIFICATIONS_FAILED,
  type: "counter",
  unit: "notifications",
  labels: ["integration"],
  producer: "alertmanager",
  description: "Notifications that could not be delivered.",
};
