import { MIG_LAYOUTS } from "../cost/mig.js";
import { markdownTable } from "./generated-section.js";

/** docs/cost.md's table of MIG shares, from the one table the rules and `nfops cost` read. */
export function migSharesTable(): string {
  const sizes = [1, 2, 3, 4, 7];
  return markdownTable(
    ["DCGM `modelName`", "GPUs", "compute slices", ...sizes.map((n) => `\`${n}g.*\``)],
    MIG_LAYOUTS.map((layout) => [
      `\`${layout.modelPattern}\``,
      layout.gpus,
      String(layout.slices),
      ...sizes.map((n) => (n <= layout.slices ? `${n}/${layout.slices}` : "–")),
    ]),
  );
}
