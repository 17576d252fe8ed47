import { App, Chart } from "cdk8s";
import { Collector } from "../src/components/collector.js";
import { CostExporter } from "../src/components/cost-exporter.js";
import { DcgmExporter } from "../src/components/dcgm-exporter.js";
import { isDeployed } from "../src/components/deployed-components.js";
import { KubeStateMetrics } from "../src/components/kube-state-metrics.js";
import { Loki } from "../src/components/loki.js";
import { NetworkPolicies } from "../src/components/network-policies.js";
import { NodeExporter } from "../src/components/node-exporter.js";
import { Tempo } from "../src/components/tempo.js";
import type { Environment } from "../src/config/environment-schema.js";
import type { Pricing } from "../src/config/pricing-schema.js";
import type { Artifacts } from "../src/model/artifacts.js";
import { Alertmanager } from "../src/components/alertmanager.js";
import { Grafana } from "../src/components/grafana.js";
import { MonitoringNamespace } from "../src/components/monitoring-namespace.js";
import { Prometheus } from "../src/components/prometheus.js";
import { composeOperatorCharts } from "./operator.js";

export interface StackContext {
  readonly environment: Environment;
  readonly pricing: Pricing;
  /** Rules and dashboards, embedded in ConfigMaps or PrometheusRule objects. */
  readonly artifacts: Artifacts;
}

/**
 * Composes the charts of one environment. Chart and construct ids are part of the contract: they
 * do not appear in object names (those are explicit), but renaming a chart renames its files.
 */
export function composeStack(context: StackContext): App {
  const app = new App({ outdir: "unused" });
  const base = new Chart(app, "base", { disableResourceNameHashes: true });
  new MonitoringNamespace(base, "namespace", { environment: context.environment });
  const { environment, artifacts } = context;
  const components = environment.settings.components;
  if (environment.settings.profile === "standalone") {
    if (components.prometheus) {
      new Prometheus(chart(app, "prometheus"), "prometheus", { environment, ruleFiles: artifacts.ruleFiles });
    }
    if (components.alertmanager) new Alertmanager(chart(app, "alertmanager"), "alertmanager", { environment });
    if (components.grafana) new Grafana(chart(app, "grafana"), "grafana", { environment, dashboards: artifacts.dashboards });
  } else {
    composeOperatorCharts(app, context);
  }
  // Deployed when enabled and part of the profile (see `isDeployed`).
  const { settings } = environment;
  if (isDeployed(settings, "loki")) new Loki(chart(app, "loki"), "loki", { environment });
  if (isDeployed(settings, "tempo")) new Tempo(chart(app, "tempo"), "tempo", { environment });
  if (isDeployed(settings, "collector")) new Collector(chart(app, "collector"), "collector", { environment });
  if (isDeployed(settings, "nodeExporter")) new NodeExporter(chart(app, "node-exporter"), "node-exporter", { environment });
  if (isDeployed(settings, "kubeStateMetrics")) new KubeStateMetrics(chart(app, "kube-state-metrics"), "kube-state-metrics", { environment });
  if (isDeployed(settings, "dcgmExporter")) new DcgmExporter(chart(app, "dcgm-exporter"), "dcgm-exporter", { environment });
  if (isDeployed(settings, "costExporter")) new CostExporter(chart(app, "cost-exporter"), "cost-exporter", { environment, pricing: context.pricing });
  new NetworkPolicies(chart(app, "network-policies"), "network-policies", { environment });
  return app;
}

/** One chart per component: its objects land in `manifests/<id>/`. */
function chart(app: App, id: string): Chart {
  return new Chart(app, id, { disableResourceNameHashes: true });
}
