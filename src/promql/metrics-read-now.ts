import { parser } from "@prometheus-io/lezer-promql";

/**
 * The metric names an expression reads at its evaluation time: every selector's, but those shifted
 * back by `offset`, whose samples are old by then (and so never wait for the group that records
 * them). The offset is found after the selector and its range in the text: lezer-promql 0.315 hangs
 * an `OffsetExpr` on the whole binary expression before it (`a - a offset 5m`), not on the selector.
 */
export function metricsReadNow(expr: string): Set<string> {
  const names = new Set<string>();
  parser.parse(expr).iterate({
    enter: ({ name, node }) => {
      if (name !== "VectorSelector") return;
      const identifier = node.getChild("Identifier");
      const end = node.parent?.name === "MatrixSelector" ? node.parent.to : node.to;
      if (identifier && !/^\s*offset\b/.test(expr.slice(end))) names.add(expr.slice(identifier.from, identifier.to));
    },
  });
  return names;
}
