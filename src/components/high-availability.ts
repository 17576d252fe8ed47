import type { EnvironmentSettings } from "../config/environment-schema.js";

/**
 * How many replicas each replicated component runs under `ha.enabled`, in one place (every other
 * component, and every component without `ha`, runs one). Prometheus: two identical scrapers,
 * as kube-prometheus ships, so one can restart or lose its node without a gap in alerting.
 * Alertmanager: three gossip peers, so one can be down while the two others still agree on the
 * notification log and silences. Grafana: two, only on an external database (`grafana.database`).
 * Thanos Query: two stateless queriers behind one Service. Loki: three single binaries in a
 * memberlist ring (replication factor 3, writes need two), only on object storage
 * (`loki.objectStorage`): on their own volumes they would each hold a part of the logs.
 */
export const HA_REPLICAS = { prometheus: 2, alertmanager: 3, grafana: 2, thanosQuery: 2, loki: 3 } as const;

export type ReplicatedComponent = keyof typeof HA_REPLICAS;

/** Replicas of a component in an environment. */
export function replicasOf(settings: EnvironmentSettings, component: ReplicatedComponent): number {
  if (settings.ha.enabled !== true) return 1;
  if (component === "grafana" && !hasGrafanaDatabase(settings)) return 1;
  if (component === "loki" && settings.loki.objectStorage === undefined) return 1;
  return HA_REPLICAS[component];
}

/** Grafana keeps its data in an external database rather than SQLite on its volume. */
export function hasGrafanaDatabase(settings: EnvironmentSettings): boolean {
  return settings.grafana.database !== undefined;
}
