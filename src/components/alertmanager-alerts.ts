import { COMPONENT_ALERT_GROUP } from "../../rules/core/component-alerts.js";
import { METRIC as M } from "../../rules/core/catalog.js";
import type { ComponentAlert } from "../model/stack-model.js";
import { alert } from "../promql/rule-builders.js";

const GROUP = COMPONENT_ALERT_GROUP.platform;

/** Alertmanager's own alerts. */
export const ALERTMANAGER_ALERTS: readonly ComponentAlert[] = [
  {
    group: GROUP.name,
    rule: ({ environment: { settings } }) =>
      alert(settings, {
        name: "AlertmanagerNotificationsFailing",
        expr: `sum by (integration) (rate(${M.notificationsFailed}[5m])) > 0`,
        for: "10m",
        severity: "warning",
        category: "platform",
        dashboard: GROUP.dashboard,
        summary: "Alertmanager cannot deliver notifications.",
        description: "Notifications through {{ $labels.integration }} fail ({{ $value | printf \"%.2f\" }}/s); check the receiver Secret and the endpoint.",
      }),
  },
];
