import { compareCodePoints } from "../config/code-point-order.js";
import { diffEnvironment, environmentFiles, environmentNames, sumCounts } from "./environment-diff.js";
import type { OutputTree, TreeDiff } from "./model.js";

export interface TreeDiffOptions {
  /** Labels of the two sides in the output (`origin/main`, `HEAD`, `working tree`). */
  readonly base: string;
  readonly head: string;
  /** Only these environments; all of either side when empty. */
  readonly environments?: readonly string[];
}

/** The semantic difference of two `dist/` trees, environment by environment. */
export function diffTrees(before: OutputTree, after: OutputTree, options: TreeDiffOptions): TreeDiff {
  const known = [...new Set([...environmentNames(before), ...environmentNames(after)])].sort(compareCodePoints);
  const wanted = options.environments?.length ? options.environments : known;
  const unknown = wanted.filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new Error(`unknown environment ${unknown.map((n) => JSON.stringify(n)).join(", ")}; known: ${known.join(", ")}`);
  const environments = wanted.map((name) => {
    const a = environmentFiles(before, name);
    const b = environmentFiles(after, name);
    return diffEnvironment(name, a.size > 0 ? a : undefined, b.size > 0 ? b : undefined);
  });
  const changed = environments.filter((e) => e.status !== "unchanged");
  const unchanged = environments.filter((e) => e.status === "unchanged").map((e) => e.name);
  return { base: options.base, head: options.head, environments: changed, unchanged, total: sumCounts(changed.map((e) => e.counts)) };
}
