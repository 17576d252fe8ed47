import { ApiObject, type App, Chart } from "cdk8s";
import { DashboardConfigMaps } from "../src/components/dashboard-config-maps.js";
import { componentLabels } from "../src/components/labels.js";
import { NODE_FROM_POD, inferenceRelabelConfigs, type Relabel } from "../src/components/prometheus-config.js";
import { METRICS_PORT_NAME } from "../src/components/service-ports.js";
import { JOB } from "../src/scrape-jobs.js";
import type { StackContext } from "./compose.js";

const MONITORING_API = "monitoring.coreos.com/v1";

/**
 * The operator profile: what a cluster that already runs prometheus-operator (e.g.
 * kube-prometheus-stack) needs from this stack — PrometheusRules, ServiceMonitors for the dcgm and
 * cost exporters, a PodMonitor for annotated inference pods, and dashboards for the Grafana sidecar.
 * The exporters themselves are composed for both profiles in `compose.ts`.
 */
export function composeOperatorCharts(app: App, context: StackContext): void {
  const { environment, artifacts } = context;
  const settings = environment.settings;
  const namespace = settings.namespace;
  const selectorLabels = settings.operator.selectorLabels as Record<string, string>;
  const labels = (component: string) => ({ ...componentLabels(environment, component), ...selectorLabels });

  const rules = new Chart(app, "prometheus-rules", { disableResourceNameHashes: true });
  for (const file of artifacts.ruleFiles) {
    new ApiObject(rules, file.name, {
      apiVersion: MONITORING_API,
      kind: "PrometheusRule",
      metadata: { name: `nfops-${file.name}`, namespace, labels: labels("prometheus-rules") },
      spec: { groups: file.groups },
    });
  }

  new DashboardConfigMaps(new Chart(app, "grafana-dashboards", { disableResourceNameHashes: true }), "dashboards", {
    environment,
    dashboards: artifacts.dashboards,
    sidecar: true,
  });

  const monitors = new Chart(app, "monitors", { disableResourceNameHashes: true });
  const serviceMonitor = (component: "dcgmExporter" | "costExporter", relabelings: readonly Relabel[]) =>
    new ApiObject(monitors, JOB[component], {
      apiVersion: MONITORING_API,
      kind: "ServiceMonitor",
      // The job label defaults to the Service name, which is the JOB name the rules select on.
      metadata: { name: JOB[component], namespace, labels: labels(JOB[component]) },
      spec: {
        selector: { matchLabels: { "app.kubernetes.io/name": JOB[component], "app.kubernetes.io/instance": environment.name } },
        namespaceSelector: { matchNames: [namespace] },
        endpoints: [{ port: METRICS_PORT_NAME, ...(relabelings.length > 0 ? { relabelings: relabelings.map(operatorRelabel) } : {}) }],
      },
    });
  if (settings.components.dcgmExporter) serviceMonitor("dcgmExporter", [NODE_FROM_POD]);
  if (settings.components.costExporter) serviceMonitor("costExporter", []);

  new ApiObject(monitors, JOB.inference, {
    apiVersion: MONITORING_API,
    kind: "PodMonitor",
    metadata: { name: JOB.inference, namespace, labels: labels(JOB.inference) },
    spec: {
      // Every pod in every namespace; the `prometheus.io/scrape` annotation decides, as in the standalone profile.
      selector: {},
      namespaceSelector: { any: true },
      podMetricsEndpoints: [
        {
          relabelings: [
            ...inferenceRelabelConfigs().map(operatorRelabel),
            { targetLabel: "job", replacement: JOB.inference, action: "replace" },
          ],
        },
      ],
    },
  });
}

/** A Prometheus `relabel_configs` entry in the operator's camelCase `RelabelConfig` form. */
function operatorRelabel(relabel: Relabel): Record<string, unknown> {
  const names: Record<string, string> = { source_labels: "sourceLabels", target_label: "targetLabel" };
  return Object.fromEntries(Object.entries(relabel).map(([key, value]) => [names[key] ?? key, value]));
}
