import type { TreeDiff } from "./model.js";

/** The diff for tools: every entry, untruncated, in the shape of `TreeDiff`. */
export function renderJson(diff: TreeDiff): string {
  return `${JSON.stringify(diff, null, 2)}\n`;
}
