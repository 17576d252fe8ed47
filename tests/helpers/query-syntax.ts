import { parser as logqlParser } from "@grafana/lezer-logql";
import { parser as promqlParser } from "@prometheus-io/lezer-promql";

// The lezer tree types, taken from the parsers rather than from their transitive dependency.
type Tree = ReturnType<typeof promqlParser.parse>;
type SyntaxNode = Tree["topNode"];

/**
 * Parses dashboard queries the way Grafana sends them: macros and variables substituted first.
 * `$__rate_interval` becomes a duration used nowhere else, so a test can tell it apart from a
 * hard-coded window.
 */
export const RATE_INTERVAL_STANDIN = "17m";

export function substituteMacros(query: string): string {
  return query
    .replace(/\$__rate_interval/g, RATE_INTERVAL_STANDIN)
    .replace(/\$__(interval|range|auto)\b/g, "1h")
    .replace(/\$\{(\w+)\}|\$(\w+)/g, (_match, braced: string | undefined, bare: string | undefined) => `var_${braced ?? bare}`);
}

export interface ParsedQuery {
  readonly source: string;
  readonly tree: Tree;
  /** Text of every error node, with its offset; empty when the query parses. */
  readonly errors: string[];
  text(node: SyntaxNode): string;
}

function parseWith(parser: { parse(input: string): Tree }, query: string): ParsedQuery {
  const source = substituteMacros(query);
  const tree = parser.parse(source);
  const errors: string[] = [];
  tree.iterate({
    enter: (node) => {
      if (node.type.isError) errors.push(`error at ${node.from}: "${source.slice(Math.max(0, node.from - 10), node.to + 10)}"`);
    },
  });
  return { source, tree, errors, text: (node) => source.slice(node.from, node.to) };
}

export const parsePromQL = (query: string) => parseWith(promqlParser, query);
export const parseLogQL = (query: string) => parseWith(logqlParser, query);

/** Every node of a tree with the given type name. */
export function nodesNamed(parsed: ParsedQuery, name: string): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  parsed.tree.iterate({
    enter: (node) => {
      if (node.name === name) found.push(node.node);
    },
  });
  return found;
}

function unquote(literal: string): string {
  return literal.replace(/^["'`]|["'`]$/g, "");
}

/** A vector selector's metric name: its identifier, or the value of a `__name__` matcher. */
export function metricNameOf(parsed: ParsedQuery, selector: SyntaxNode): string | undefined {
  const identifier = selector.getChild("Identifier");
  if (identifier) return parsed.text(identifier);
  for (const matcher of selector.getChild("LabelMatchers")?.getChildren("UnquotedLabelMatcher") ?? []) {
    const label = matcher.getChild("LabelName");
    const value = matcher.getChild("StringLiteral");
    if (label && value && parsed.text(label) === "__name__") return unquote(parsed.text(value));
  }
  return undefined;
}

/** A label matcher of a vector selector: `job="x"` is { label: "job", op: "=", value: "x" }. */
export interface LabelMatch {
  readonly label: string;
  readonly op: string;
  readonly value: string;
}

/** The label matchers of a vector selector, in their order. */
export function selectorMatchers(parsed: ParsedQuery, selector: SyntaxNode): LabelMatch[] {
  return (selector.getChild("LabelMatchers")?.getChildren("UnquotedLabelMatcher") ?? []).map((matcher) => {
    const label = matcher.getChild("LabelName");
    const op = matcher.getChild("MatchOp");
    const value = matcher.getChild("StringLiteral");
    return { label: label ? parsed.text(label) : "", op: op ? parsed.text(op) : "", value: value ? unquote(parsed.text(value)) : "" };
  });
}

/** Metric names read by a PromQL query. */
export function promqlMetrics(parsed: ParsedQuery): string[] {
  return nodesNamed(parsed, "VectorSelector")
    .map((selector) => metricNameOf(parsed, selector))
    .filter((name): name is string => name !== undefined);
}

const RANGE_FUNCTIONS_OF_COUNTERS = new Set(["rate", "irate", "increase"]);

/** The function call a node is a direct argument of (through its matrix selector), if any. */
function enclosingFunction(parsed: ParsedQuery, node: SyntaxNode): string | undefined {
  let current: SyntaxNode | null = node.parent;
  while (current && current.name !== "FunctionCall") {
    if (current.name !== "MatrixSelector" && current.name !== "FunctionCallBody") return undefined;
    current = current.parent;
  }
  const identifier = current?.getChild("FunctionIdentifier");
  return identifier ? parsed.text(identifier) : undefined;
}

export interface RangeUse {
  readonly fn: string | undefined;
  readonly window: string;
  readonly metric: string | undefined;
}

/** Every `metric[window]` range selector with the function that consumes it. */
export function rangeSelectors(parsed: ParsedQuery): RangeUse[] {
  return nodesNamed(parsed, "MatrixSelector").map((matrix) => {
    const selector = matrix.getChild("VectorSelector");
    const duration = matrix.getChild("DurationExpr");
    return {
      fn: enclosingFunction(parsed, matrix),
      window: duration ? parsed.text(duration) : "",
      metric: selector ? metricNameOf(parsed, selector) : undefined,
    };
  });
}

/** Metrics read outside a `rate`/`irate`/`increase` range selector. */
export function metricsReadDirectly(parsed: ParsedQuery): string[] {
  return nodesNamed(parsed, "VectorSelector")
    .filter((selector) => {
      const matrix = selector.parent;
      if (matrix?.name !== "MatrixSelector") return true;
      return !RANGE_FUNCTIONS_OF_COUNTERS.has(enclosingFunction(parsed, matrix) ?? "");
    })
    .map((selector) => metricNameOf(parsed, selector))
    .filter((name): name is string => name !== undefined);
}

export function isCounterRange(fn: string | undefined): boolean {
  return RANGE_FUNCTIONS_OF_COUNTERS.has(fn ?? "");
}

export interface LogqlNames {
  /** Stream selector label names. */
  readonly streamLabels: string[];
  /** Label names used after the stream selector: filters, `json` extractions, grouping. */
  readonly fields: string[];
}

/** Label and field names a LogQL query uses. */
export function logqlNames(parsed: ParsedQuery): LogqlNames {
  const streamLabels: string[] = [];
  const fields: string[] = [];
  parsed.tree.iterate({
    enter: (ref) => {
      const node = ref.node;
      if (node.name === "Identifier") {
        const inSelector = ancestorNamed(node, "Selector");
        (inSelector ? streamLabels : fields).push(parsed.text(node));
      }
      // `| json name="path"`: the path names the record's field too.
      if (node.name === "String" && node.parent?.name === "LabelExtractionExpression") fields.push(unquote(parsed.text(node)));
    },
  });
  return { streamLabels, fields };
}

function ancestorNamed(node: SyntaxNode, name: string): boolean {
  for (let current = node.parent; current; current = current.parent) if (current.name === name) return true;
  return false;
}
