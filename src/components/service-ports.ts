import type { EnvironmentSettings } from "../config/environment-schema.js";
import { JOB, type JobKey } from "../scrape-jobs.js";

/**
 * Name of the Service and container port that serves `/metrics` on every scraped component
 * (kube-prometheus convention). The standalone scrape configuration keeps only endpoints with this
 * port name and operator-profile ServiceMonitors select it, so a component that names its port
 * differently is not scraped — keep Service, container and scrape config on this one constant.
 */
export const METRICS_PORT_NAME = "http-metrics";

export type ComponentJob = Exclude<JobKey, "kubelet" | "cadvisor" | "inference">;

/**
 * The HTTP port of each component (upstream defaults), used by its Service, its container, the
 * scrape configuration and the Grafana datasource URLs. For Prometheus, Alertmanager, Grafana,
 * Loki and Tempo it is also the API port.
 */
export function servicePort(settings: EnvironmentSettings, component: ComponentJob): number {
  switch (component) {
    case "prometheus": return 9090;
    case "alertmanager": return 9093;
    case "grafana": return 3000;
    case "loki": return 3100;
    case "tempo": return 3200;
    case "collector": return 12345;
    case "nodeExporter": return 9100;
    case "kubeStateMetrics": return 8080;
    case "dcgmExporter": return 9400;
    case "costExporter": return settings.costExporter.port;
  }
}

/** In-cluster base URL of a component's Service, which is named after its job (`http://<job>.<namespace>.svc:<port>`). */
export function serviceUrl(settings: EnvironmentSettings, component: ComponentJob): string {
  return `http://${JOB[component]}.${settings.namespace}.svc:${servicePort(settings, component)}`;
}
