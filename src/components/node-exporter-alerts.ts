import { COMPONENT_ALERT_GROUP, componentAlert } from "../../rules/core/component-alerts.js";
import { jobSelector } from "../../rules/core/selectors.js";
import type { ComponentAlert } from "../model/stack-model.js";

/** node-exporter's own alert: a node that stops answering (the original monitoring guide's SystemDown). */
export const NODE_EXPORTER_ALERTS: readonly ComponentAlert[] = [
  componentAlert(COMPONENT_ALERT_GROUP.platform, ({ stack }) => ({
    name: "SystemDown",
    expr: `up{${jobSelector(stack, "nodeExporter")}} == 0`,
    for: "1m",
    severity: "critical",
    category: "platform",
    summary: "A node stopped answering.",
    description: "node-exporter on {{ $labels.node }} ({{ $labels.instance }}) has not answered for 1 minute: the node is down or unreachable.",
  })),
];
