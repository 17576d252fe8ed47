/** PromQL text helpers shared by every pack's rules and dashboards. */

/** A threshold as PromQL shows it: no binary floating-point noise (14.4 * 0.005 -> 0.072). */
export function formatNumber(value: number): string {
  return String(Number(value.toPrecision(12)));
}

/**
 * `le` matcher for a bucket boundary that works on Prometheus 2 (`250`) and 3 (`250.0`). The
 * boundary is written as the shortest text that reads back as the same number, as the servers'
 * clients write it (TGI's computed bounds such as `0.00015000000000000001` included).
 */
export function leMatcher(boundary: number): string {
  const text = String(boundary).replace(/\./g, "\\\\.");
  return Number.isInteger(boundary) ? `le=~"${text}(\\\\.0)?"` : `le=~"${text}"`;
}

/** Multi-line PromQL written inline in TypeScript, without the source indentation. */
export function dedent(text: string): string {
  const lines = text.replace(/^\n+|\s+$/g, "").split("\n");
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)?.[0].length ?? 0));
  return lines.map((l) => l.slice(indent)).join("\n");
}

/**
 * `expr`, or 0 for each series of `like` while `expr` has none: a failure counter appears with the
 * first failure, and a service that has never failed counts 0 failures, not no data.
 */
export function orZeroLike(expr: string, like: string): string {
  return `(${expr} or 0 * ${like})`;
}

/** Failed / all requests over the same window; no traffic gives NaN, which compares false. */
export function errorRatio(errors: string, requests: string): string {
  return `
    (
      ${errors}
      or
      0 * ${requests}
    )
    /
    ${requests}`;
}
