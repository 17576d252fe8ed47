import { App, Chart } from "cdk8s";
import { MonitoringNamespace } from "../src/components/monitoring-namespace.js";
import { NetworkPolicies } from "../src/components/network-policies.js";
import type { StackContext } from "../src/model/stack-model.js";
import { composeOperatorCharts } from "./operator.js";

/**
 * Composes the charts of one environment: the namespace, one chart per deployed component (its
 * definition's `chart` and `construct`), the operator profile's objects, and the NetworkPolicies.
 * Chart ids are part of the contract: they do not appear in object names (those are explicit),
 * but renaming a chart renames its files.
 */
export function composeStack(context: StackContext): App {
  const app = new App({ outdir: "unused" });
  const { environment, stack } = context;
  new MonitoringNamespace(chart(app, "base"), "namespace", { environment });
  if (environment.settings.profile === "operator") composeOperatorCharts(app, context);
  for (const definition of stack.deployed) definition.construct(chart(app, definition.chart), { ...context, definition });
  new NetworkPolicies(chart(app, "network-policies"), "network-policies", { environment, stack });
  return app;
}

/** One chart per component: its objects land in `manifests/<id>/`. */
function chart(app: App, id: string): Chart {
  return new Chart(app, id, { disableResourceNameHashes: true });
}
