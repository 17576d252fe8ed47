/** High availability (`ha`). Composed into the environment schema. */
export const highAvailabilitySettingsSchema = {
  ha: {
    type: "object",
    additionalProperties: false,
    default: {},
    description:
      "High availability (standalone profile; docs/scaling.md \"Growing past one Prometheus\"): Prometheus ×2 with a `prometheus_replica` external label that alerts drop, Alertmanager as a 3-peer gossip cluster, PodDisruptionBudgets and spreading over nodes and zones; Grafana ×2 when `grafana.database` is set.",
    properties: {
      enabled: { type: "boolean", default: false, description: "Run the replicated stack; off, every workload has one replica." },
    },
  },
} as const;
