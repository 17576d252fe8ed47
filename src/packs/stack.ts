import { stackHealthDashboard } from "../../dashboards/stack/index.js";
import { stackMetrics } from "../../rules/stack/catalog.js";
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
    "the stack's own failure modes: Prometheus config reloads, skipped or slow rule groups, alert queue and delivery, TSDB compactions, head truncations and WAL, out-of-order samples, scrape limits, remote write, retention size; Alertmanager reloads, rejected notifications and its gossip cluster; Thanos sidecar, compactor, store and query; Loki and Tempo errors, discarded lines and spans, bucket errors; Grafana datasource errors; and the Stack health dashboard",
  metrics: stackMetrics,
  ruleFiles: stackRuleFiles,
  dashboards: (context) => [stackHealthDashboard(context)],
  ruleTestsDir: "rules/stack/tests",
};
