import { parser } from "@prometheus-io/lezer-promql";

type SyntaxNode = ReturnType<typeof parser.parse>["topNode"];

/**
 * Leaves whose text is case-sensitive: names and strings. Every other leaf is a keyword, operator,
 * number or duration, which PromQL reads regardless of case (`SUM BY` is `sum by`).
 */
const CASE_SENSITIVE = new Set(["Identifier", "LabelName", "StringLiteral"]);

/** A plain decimal number, written in whichever way (`0.5`, `.5`, `5e-1`). Durations and hex stay text. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A string literal without escapes or quotes inside, so its quote style (`"`, `'`, `` ` ``) says nothing. */
const PLAIN_STRING = /^(["'`])([^"'`\\]*)\1$/;

/**
 * The parse tree of a PromQL expression as a string of node types and leaf texts, with what does not
 * change its meaning taken out: whitespace and comments, parentheses (the tree's nesting already
 * says what they grouped), keyword case, how a number or a plain string is written, and whether an
 * aggregation's `by`/`without` comes before or after its argument. Two expressions with the same
 * shape evaluate alike; `undefined` when the text does not parse (lezer-promql marks error nodes).
 */
export function promqlShape(expr: string): string | undefined {
  const tree = parser.parse(expr);
  let broken = false;
  tree.iterate({
    enter: (node) => {
      if (node.type.isError) broken = true;
      return !broken;
    },
  });
  return broken ? undefined : shape(tree.topNode, expr);
}

function shape(node: SyntaxNode, expr: string): string {
  if (node.name === "ParenExpr" && node.firstChild) return shape(node.firstChild, expr);
  const children: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) if (child.name !== "LineComment") children.push(child);
  if (children.length === 0) return `${node.name}:${leafText(node.name, expr.slice(node.from, node.to))}`;
  // `sum(x) by (a)` is `sum by (a) (x)`: the modifier first.
  if (node.name === "AggregateExpr") children.sort((a, b) => Number(b.name === "AggregateModifier") - Number(a.name === "AggregateModifier"));
  return `${node.name}(${children.map((child) => shape(child, expr)).join(" ")})`;
}

function leafText(type: string, text: string): string {
  if (type === "StringLiteral") return JSON.stringify(PLAIN_STRING.exec(text)?.[2] ?? text);
  if (CASE_SENSITIVE.has(type)) return text;
  return DECIMAL.test(text) ? String(Number(text)) : text.toLowerCase();
}
