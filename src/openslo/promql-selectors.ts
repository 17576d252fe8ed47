import { parser } from "@prometheus-io/lezer-promql";

/** One label matcher of a selector: `le=~"0\\.5"` is `{label: "le", op: "=~", value: "0\\.5"}`. */
export interface Matcher {
  readonly label: string;
  readonly op: "=" | "!=" | "=~" | "!~";
  readonly value: string;
}

export interface Selector {
  readonly metric: string;
  readonly matchers: readonly Matcher[];
}

/**
 * The shapes an OpenSLO query may take for nfops to read it: counters and histogram series picked by
 * selectors, optionally summed (without grouping), rated or increased, and added. A ratio, a
 * quantile or a grouping is something else than a count of events, and is refused by name.
 */
const ALLOWED_NODES = new Set([
  "PromQL", "ParenExpr", "BinaryExpr", "Add", "AggregateExpr", "AggregateOp", "Sum", "FunctionCallBody", "FunctionCall",
  "FunctionIdentifier", "Rate", "Increase", "MatrixSelector", "VectorSelector", "Identifier", "LabelMatchers",
  "UnquotedLabelMatcher", "LabelName", "MatchOp", "EqlSingle", "EqlRegex", "Neq", "NeqRegex", "StringLiteral",
  "DurationExpr", "NumberDurationLiteralInDurationContext",
]);

/** The selectors of a query, or why it is not a sum of counters. */
export function selectorsOf(query: string): { selectors: Selector[] } | { error: string } {
  const tree = parser.parse(query);
  const selectors: Selector[] = [];
  let error: string | undefined;
  let current: { metric: string; matchers: Matcher[] } | undefined;
  let matcher: { label?: string; op?: Matcher["op"] } = {};
  tree.iterate({
    enter: (node) => {
      if (error) return false;
      const text = query.slice(node.from, node.to);
      if (node.type.isError) {
        error = `is not valid PromQL near "${query.slice(Math.max(0, node.from - 10), node.to + 10)}"`;
        return false;
      }
      if (!ALLOWED_NODES.has(node.name)) {
        error = `uses ${JSON.stringify(text.slice(0, 40))} (${node.name}): nfops reads only counters and histogram series, summed, rated or added`;
        return false;
      }
      if (node.name === "VectorSelector") selectors.push((current = { metric: "", matchers: [] }));
      else if (node.name === "Identifier" && current && !current.metric) current.metric = text;
      else if (node.name === "LabelName") matcher = { label: text };
      else if (node.name === "MatchOp") matcher.op = text as Matcher["op"];
      else if (node.name === "StringLiteral" && current && matcher.label && matcher.op) {
        current.matchers.push({ label: matcher.label, op: matcher.op, value: unquote(text) });
        matcher = {};
      }
      return undefined;
    },
  });
  if (error) return { error };
  const unnamed = selectors.find((s) => !s.metric);
  if (unnamed) return { error: "selects series without a metric name" };
  return { selectors };
}

/** A PromQL string literal's value: double or single quotes with Go escapes, or backticks raw. */
function unquote(literal: string): string {
  if (literal.startsWith("`")) return literal.slice(1, -1);
  const body = literal.slice(1, -1).replace(/\\(.)/g, (_match, c: string) => ({ n: "\n", t: "\t", "\\": "\\", '"': '"', "'": "'" })[c] ?? `\\${c}`);
  return body;
}
