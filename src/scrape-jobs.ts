/**
 * Prometheus `job` label of every scrape target, in one place: the scrape configuration
 * (standalone), the Service names behind ServiceMonitors (operator: the job label defaults to the
 * Service name) and every rule selector use these, so a rename cannot leave an alert blind.
 * The keys match the component toggles in the environment schema.
 */
export const JOB = {
  prometheus: "prometheus",
  alertmanager: "alertmanager",
  grafana: "grafana",
  loki: "loki",
  tempo: "tempo",
  collector: "alloy",
  nodeExporter: "node-exporter",
  kubeStateMetrics: "kube-state-metrics",
  dcgmExporter: "dcgm-exporter",
  costExporter: "nfops-cost-exporter",
  kubelet: "kubelet",
  cadvisor: "cadvisor",
  inference: "inference",
} as const;

export type JobKey = keyof typeof JOB;
