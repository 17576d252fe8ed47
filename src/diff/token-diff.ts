/**
 * Token-level diff of two query expressions (PromQL, LogQL) or sentences, rendered like
 * `git diff --word-diff`: `[-old-]{+new+}` with the unchanged text around it shortened.
 */

/** Identifiers, numbers (with units/exponents), quoted strings, `{{ templates }}`, single symbols, runs of spaces. */
const TOKEN = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`|\{\{.*?\}\}|[A-Za-z_:][A-Za-z0-9_:.]*|[0-9]+(?:\.[0-9]+)?(?:e[+-]?[0-9]+)?[a-zA-Z%]*|\s+|./gs;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

export type Edit = { readonly op: "same" | "removed" | "added"; readonly text: string };

/** Longest-common-subsequence edit script over tokens; the common prefix and suffix are trimmed first so long queries stay cheap. */
export function diffTokens(before: string, after: string): Edit[] {
  const a = tokenize(before);
  const b = tokenize(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const middleA = a.slice(start, endA);
  const middleB = b.slice(start, endB);
  const edits: Edit[] = [...a.slice(0, start).map((text) => ({ op: "same" as const, text }))];
  edits.push(...lcsEdits(middleA, middleB));
  edits.push(...a.slice(endA).map((text) => ({ op: "same" as const, text })));
  return merge(edits);
}

function lcsEdits(a: readonly string[], b: readonly string[]): Edit[] {
  // Beyond this the quadratic table is not worth it: show the middle as one replacement.
  if (a.length * b.length > 250_000) return [...(a.length ? [{ op: "removed" as const, text: a.join("") }] : []), ...(b.length ? [{ op: "added" as const, text: b.join("") }] : [])];
  const lengths: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i]![j] = a[i] === b[j] ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
    }
  }
  const edits: Edit[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      edits.push({ op: "same", text: a[i]! });
      i++;
      j++;
    } else if (lengths[i + 1]![j]! >= lengths[i]![j + 1]!) edits.push({ op: "removed", text: a[i++]! });
    else edits.push({ op: "added", text: b[j++]! });
  }
  while (i < a.length) edits.push({ op: "removed", text: a[i++]! });
  while (j < b.length) edits.push({ op: "added", text: b[j++]! });
  return edits;
}

/** Joins neighbouring edits of the same kind; a lone space between two changes joins them too, which reads better. */
function merge(edits: readonly Edit[]): Edit[] {
  const merged: Edit[] = [];
  for (const edit of edits) {
    const last = merged[merged.length - 1];
    if (last && last.op === edit.op) merged[merged.length - 1] = { op: edit.op, text: last.text + edit.text };
    else merged.push(edit);
  }
  return merged;
}

/** Characters of unchanged text kept on each side of a change. */
const CONTEXT = 30;

/** `… > [-85-]{+90+}` with whitespace collapsed; unchanged stretches longer than twice the context are elided. */
export function renderTokenDiff(before: string, after: string): string {
  const edits = diffTokens(collapse(before), collapse(after));
  return edits
    .map((edit, index) => {
      if (edit.op === "removed") return `[-${edit.text}-]`;
      if (edit.op === "added") return `{+${edit.text}+}`;
      const first = index === 0;
      const last = index === edits.length - 1;
      if (first && edit.text.length > CONTEXT) return `…${edit.text.slice(-CONTEXT)}`;
      if (last && edit.text.length > CONTEXT) return `${edit.text.slice(0, CONTEXT)}…`;
      if (!first && !last && edit.text.length > 2 * CONTEXT + 1) return `${edit.text.slice(0, CONTEXT)} … ${edit.text.slice(-CONTEXT)}`;
      return edit.text;
    })
    .join("");
}

/**
 * When the only differences are numbers replaced one for one (`85` by `90`), those pairs: the
 * threshold changes of a rule or query, shown as `old → new`. Otherwise `undefined`.
 */
export function numberChanges(before: string, after: string): Array<[string, string]> | undefined {
  const changed = diffTokens(collapse(before), collapse(after)).filter((edit) => edit.op !== "same");
  if (changed.length === 0 || changed.length % 2 !== 0) return undefined;
  const pairs: Array<[string, string]> = [];
  for (let index = 0; index < changed.length; index += 2) {
    const removed = changed[index]!;
    const added = changed[index + 1]!;
    if (removed.op !== "removed" || added.op !== "added" || !isNumber(removed.text) || !isNumber(added.text)) return undefined;
    pairs.push([removed.text, added.text]);
  }
  return pairs;
}

const isNumber = (text: string) => /^[0-9]+(\.[0-9]+)?(e[+-]?[0-9]+)?$/.test(text);

const collapse = (text: string) => text.replace(/\s+/g, " ").trim();
