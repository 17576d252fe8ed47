import { App, Chart } from "cdk8s";
import type { Environment } from "../src/config/environment-schema.js";
import type { Pricing } from "../src/config/pricing-schema.js";
import type { Artifacts } from "../src/synth/artifacts.js";
import { Alertmanager } from "../src/components/alertmanager.js";
import { MonitoringNamespace } from "../src/components/monitoring-namespace.js";
import { Prometheus } from "../src/components/prometheus.js";

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
  }
  return app;
}

/** One chart per component: its objects land in `manifests/<id>/`. */
function chart(app: App, id: string): Chart {
  return new Chart(app, id, { disableResourceNameHashes: true });
}
