/**
 * Token-level diff of two query expressions (PromQL, LogQL) or sentences, rendered like
 * `git diff --word-diff`: `[-old-]{+new+}` with the unchanged text around it shortened.
 */
import { diffArrays } from "diff";

/** Identifiers, numbers (with units/exponents), quoted strings, `{{ templates }}`, single symbols, runs of spaces. */
const TOKEN = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`|\{\{.*?\}\}|[A-Za-z_:][A-Za-z0-9_:.]*|[0-9]+(?:\.[0-9]+)?(?:e[+-]?[0-9]+)?[a-zA-Z%]*|\s+|./gs;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

export type Edit = { readonly op: "same" | "removed" | "added"; readonly text: string };

/** Edits beyond which the middle of two very different texts is shown as one replacement, not searched for a shortest script. */
const MAX_EDIT_LENGTH = 500;

/** Shortest edit script over tokens (jsdiff's Myers diff), runs of one kind joined. */
export function diffTokens(before: string, after: string): Edit[] {
  const changes = diffArrays(tokenize(before), tokenize(after), { maxEditLength: MAX_EDIT_LENGTH });
  if (changes === undefined) return [...(before ? [{ op: "removed" as const, text: before }] : []), ...(after ? [{ op: "added" as const, text: after }] : [])];
  return changes.map((change) => ({ op: change.added ? "added" : change.removed ? "removed" : "same", text: change.value.join("") }));
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
