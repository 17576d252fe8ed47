import type { EnvironmentSettings } from "../config/environment-schema.js";
import type { ComponentDefinition, ComponentKey, StackPlan } from "../model/stack-model.js";
import { planStack } from "../model/stack-plan.js";
import { alertmanagerComponent } from "./alertmanager.js";
import { blackboxExporterComponent } from "./blackbox-exporter.js";
import { collectorComponent } from "./collector.js";
import { costExporterComponent } from "./cost-exporter.js";
import { dcgmExporterComponent } from "./dcgm-exporter.js";
import { grafanaComponent } from "./grafana.js";
import { kubeStateMetricsComponent } from "./kube-state-metrics.js";
import { lokiComponent } from "./loki.js";
import { nodeExporterComponent } from "./node-exporter.js";
import { prometheusComponent } from "./prometheus.js";
import { pushgatewayComponent } from "./pushgateway.js";
import { tempoComponent } from "./tempo.js";
import { thanosCompactorComponent } from "./thanos-compactor.js";
import { thanosQueryComponent } from "./thanos-query.js";
import { thanosStoreComponent } from "./thanos-store.js";

/**
 * Every component of the stack, by its `components` key, in the order scrape jobs, alerts and
 * charts list them. The compiler holds this table to the environment schema's toggles: a toggle
 * without a definition, or a definition without a toggle, does not build. Adding a component is
 * its own file, its toggle (and settings) in the schema, and one line here.
 */
const TABLE = {
  prometheus: prometheusComponent,
  alertmanager: alertmanagerComponent,
  grafana: grafanaComponent,
  loki: lokiComponent,
  tempo: tempoComponent,
  collector: collectorComponent,
  nodeExporter: nodeExporterComponent,
  kubeStateMetrics: kubeStateMetricsComponent,
  dcgmExporter: dcgmExporterComponent,
  costExporter: costExporterComponent,
  blackboxExporter: blackboxExporterComponent,
  thanosQuery: thanosQueryComponent,
  thanosStore: thanosStoreComponent,
  thanosCompactor: thanosCompactorComponent,
  pushgateway: pushgatewayComponent,
} satisfies { readonly [K in ComponentKey]: ComponentDefinition<K> };

export const COMPONENTS: readonly ComponentDefinition[] = Object.values(TABLE);

/** What an environment deploys: the view of the table every other part of the stack reads. */
export function stackPlan(settings: EnvironmentSettings): StackPlan {
  return planStack(settings, COMPONENTS);
}
