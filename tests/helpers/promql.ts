import { parser } from "@prometheus-io/lezer-promql";

export interface ParsedPromQL {
  /** Positions and text around each syntax error; empty when the query parses. */
  readonly errors: string[];
  /** Metric names the query reads (vector selectors, including `{__name__="…"}`). */
  readonly metrics: string[];
}

/** Parses PromQL with the Prometheus UI's own grammar and lists the metric names it reads. */
export function parsePromQL(expr: string): ParsedPromQL {
  const errors: string[] = [];
  const metrics = new Set<string>();
  const cursor = parser.parse(expr).cursor();
  do {
    if (cursor.type.isError) errors.push(`at ${cursor.from}: ${JSON.stringify(expr.slice(Math.max(0, cursor.from - 20), cursor.to + 20))}`);
    if (cursor.name === "Identifier" && cursor.node.parent?.name === "VectorSelector") metrics.add(expr.slice(cursor.from, cursor.to));
    if (cursor.name === "UnquotedLabelMatcher") {
      const text = expr.slice(cursor.from, cursor.to);
      const byName = /^__name__\s*=\s*"([^"]+)"$/.exec(text);
      if (byName?.[1]) metrics.add(byName[1]);
    }
  } while (cursor.next());
  return { errors, metrics: [...metrics].sort() };
}
