import { parser } from "@prometheus-io/lezer-promql";

/** Label of the cluster every series carries once it leaves its Prometheus (the `cluster` external label). */
export const CLUSTER_LABEL = "cluster";
/** The `$cluster` variable's matcher. */
export const CLUSTER_MATCHER = `${CLUSTER_LABEL}=~"$${CLUSTER_LABEL}"`;

/**
 * `expr` with the `$cluster` matcher added to every vector selector, so that every panel of every
 * dashboard shows one cluster, or several, when Grafana reads a global view (Thanos Query, Mimir)
 * of several clusters. On a cluster's own Prometheus, whose series have no `cluster` label until
 * they leave it, the variable's "All" (`.*`) matches them as they are.
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
