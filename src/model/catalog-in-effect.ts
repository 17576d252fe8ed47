import type { MetricEntry } from "../catalog/types.js";
import type { PackDefinition, PackProducer, StackPlan } from "./stack-model.js";

/**
 * The metric catalog of an environment: the entries of the packs in effect, then those the watched
 * components declare beside their own alerts (`metrics`), in table order.
 */
export function catalogInEffect(stack: StackPlan, packs: readonly PackDefinition[]): MetricEntry[] {
  return [...packs.flatMap((pack) => pack.metrics), ...stack.watched.flatMap((component) => component.metrics ?? [])];
}

/** The producers the packs in effect declare, then those of the watched components, in table order. */
export function declaredProducers(stack: StackPlan, packs: readonly PackDefinition[]): PackProducer[] {
  return [...packs.flatMap((pack) => pack.producers ?? []), ...stack.watched.flatMap((component) => component.producers ?? [])];
}
