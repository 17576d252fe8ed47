import type { Dashboard, VariableModel } from "@grafana/grafana-foundation-sdk/dashboard";
import { parser } from "@prometheus-io/lezer-promql";
import type { EnvironmentSettings } from "../src/config/environment-schema.js";
import { labelVariable } from "./common.js";

/** Label of the cluster every series carries once it leaves its Prometheus (the `cluster` external label). */
export const CLUSTER_LABEL = "cluster";
/** The `$cluster` variable's matcher. */
export const CLUSTER_MATCHER = `${CLUSTER_LABEL}=~"$${CLUSTER_LABEL}"`;

/**
 * `expr` with the `$cluster` matcher added to every vector selector, so that a panel shows one
 * cluster, or several, when Grafana reads a global view (Thanos Query, Mimir) of several clusters.
 *
 * Grafana's macros (`$__rate_interval`, `$__range`) are not PromQL: they are parsed as durations of
 * the same length, so that the positions found in the parse tree are positions in `expr`.
 */
export function filterByCluster(expr: string): string {
  const parsable = expr.replace(/\$__\w+/g, (macro) => `${"9".repeat(macro.length - 1)}s`);
  const inserts: { at: number; text: string }[] = [];
  parser.parse(parsable).iterate({
    enter: (node) => {
      if (node.type.isError) throw new Error(`dashboard query does not parse as PromQL at ${node.from}: ${expr}`);
      if (node.name !== "VectorSelector") return;
      const matchers = node.node.getChild("LabelMatchers");
      if (!matchers) {
        inserts.push({ at: node.to, text: `{${CLUSTER_MATCHER}}` });
        return;
      }
      const inside = parsable.slice(matchers.from + 1, matchers.to - 1).trim();
      const separator = inside === "" || inside.endsWith(",") ? "" : ", ";
      inserts.push({ at: matchers.to - 1, text: `${separator}${CLUSTER_MATCHER}` });
    },
  });
  return inserts.reduceRight((text, { at, text: insert }) => text.slice(0, at) + insert + text.slice(at), expr);
}

/** Whether an environment's dashboards get the `cluster` variable: as set, else when Grafana reads Thanos Query. */
export function clusterVariableEnabled(settings: EnvironmentSettings): boolean {
  return settings.grafana.clusterVariable ?? settings.longTermStorage !== undefined;
}

interface TargetLike {
  datasource?: { type?: string };
  expr?: string;
}

interface PanelLike {
  targets?: TargetLike[];
  panels?: PanelLike[];
}

/** `label_values(<selector>, <label>)`, Grafana's variable query. */
const LABEL_VALUES = /^label_values\((.*),\s*(\w+)\)$/;

/**
 * A built dashboard with the `cluster` variable after its datasource variables, and the `$cluster`
 * matcher in every vector selector of its Prometheus targets and label-values variables: one pass
 * over the finished model, so no panel can forget it.
 */
export function withClusterVariable(model: Dashboard): Dashboard {
  const result = JSON.parse(JSON.stringify(model)) as Dashboard;
  const filterPanels = (panels: PanelLike[]) => {
    for (const panel of panels) {
      for (const target of panel.targets ?? []) {
        if (target.datasource?.type === "prometheus" && target.expr !== undefined) target.expr = filterByCluster(target.expr);
      }
      filterPanels(panel.panels ?? []);
    }
  };
  filterPanels((result.panels ?? []) as PanelLike[]);
  const variables = result.templating?.list ?? [];
  for (const variable of variables) {
    const match = variable.type === "query" && typeof variable.query === "string" ? LABEL_VALUES.exec(variable.query) : null;
    if (!match) continue;
    variable.query = variable.definition = `label_values(${filterByCluster(match[1] as string)}, ${match[2]})`;
  }
  const datasources = variables.filter((variable) => variable.type === "datasource");
  const others = variables.filter((variable) => variable.type !== "datasource");
  result.templating = { ...result.templating, list: [...datasources, clusterVariable(), ...others] };
  return result;
}

/**
 * `$cluster`: the `cluster` label of the series Grafana reads (every scrape writes `up`, so its
 * values are the clusters with any data). A cluster's own Prometheus has none — it is an external
 * label, added when series leave it — and its "All" (`.*`) matches the unlabelled series.
 */
function clusterVariable(): VariableModel {
  return labelVariable({
    name: CLUSTER_LABEL,
    label: "Cluster",
    series: "up",
    labelName: CLUSTER_LABEL,
    description: "Clusters shown when Grafana reads several through Thanos Query or a remote-write store.",
  }).build();
}
