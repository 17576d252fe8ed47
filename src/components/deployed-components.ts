import type { EnvironmentSettings } from "../config/environment-schema.js";
import type { ComponentJob } from "./service-ports.js";

/** Every component of the stack, in the order scrape jobs and alerts list them. */
export const COMPONENTS: readonly ComponentJob[] = [
  "prometheus",
  "alertmanager",
  "grafana",
  "loki",
  "tempo",
  "collector",
  "nodeExporter",
  "kubeStateMetrics",
  "dcgmExporter",
  "costExporter",
];

/**
 * Components the operator profile still deploys itself: the cluster's prometheus-operator stack
 * has no GPU or cost exporter. Everything else comes from that stack.
 */
export const OPERATOR_PROFILE_COMPONENTS: ReadonlySet<ComponentJob> = new Set(["dcgmExporter", "costExporter"]);

/** Whether an environment deploys a component: enabled in `components`, and part of its profile. */
export function isDeployed(settings: EnvironmentSettings, component: ComponentJob): boolean {
  if (!settings.components[component]) return false;
  return settings.profile === "standalone" || OPERATOR_PROFILE_COMPONENTS.has(component);
}

/** The components an environment deploys, in `COMPONENTS` order. */
export function deployedComponents(settings: EnvironmentSettings): ComponentJob[] {
  return COMPONENTS.filter((component) => isDeployed(settings, component));
}
