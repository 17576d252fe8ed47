import { COMPONENT_ALERT_GROUP, componentAlert } from "../../rules/core/component-alerts.js";
import { ALERTMANAGER_NOTIFICATIONS_FAILED } from "../catalog/self-metrics.js";
import type { ComponentAlert } from "../model/stack-model.js";

/** Alertmanager's own alerts. */
export const ALERTMANAGER_ALERTS: readonly ComponentAlert[] = [
  componentAlert(COMPONENT_ALERT_GROUP.platform, () => ({
    name: "AlertmanagerNotificationsFailing",
    expr: `sum by (integration) (rate(${ALERTMANAGER_NOTIFICATIONS_FAILED}[5m])) > 0`,
    for: "10m",
    severity: "warning",
    category: "platform",
    summary: "Alertmanager cannot deliver notifications.",
    description: "Notifications through {{ $labels.integration }} fail ({{ $value | printf \"%.2f\" }}/s); check the receiver Secret and the endpoint.",
  })),
];
