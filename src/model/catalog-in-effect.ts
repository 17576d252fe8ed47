import type { MetricEntry } from "../catalog/types.js";
import type { PackDefinition, StackPlan } from "./stack-model.js";

/**
 * The metric catalog of an environment: the entries of the packs in effect, then those the watched
 * components declare beside their own alerts (`metrics`), in table order.
 */
export function catalogInEffect(stack: StackPlan, packs: readonly PackDefinition[]): MetricEntry[] {
  return [...packs.flatMap((pack) => pack.metrics), ...stack.watched.flatMap((component) => component.metrics ?? [])];
}
