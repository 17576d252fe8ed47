import type { EnvironmentSettings } from "../../src/config/environment-schema.js";
import type { ComponentKey } from "../../src/model/stack-model.js";
import type { StackPlan } from "../../src/model/stack-model.js";

/**
 * Selectors and label sets of the core rules and dashboards, in one place (kubernetes-mixin
 * style): the rule files substitute these into PromQL and never spell a job name or filter
 * themselves. Pack-neutral helpers (windows, number formatting, `le` matchers) are in `src/promql/`.
 */

/** `job="<name>"` of a component's targets. */
export function jobSelector(stack: StackPlan, component: ComponentKey): string {
  return `job="${stack.job(component)}"`;
}

/** The cost exporter publishes every region; rules read the environment's own. */
export function regionSelector(settings: EnvironmentSettings): string {
  return `region="${settings.region}"`;
}

/** Filesystems that fill up for real: no pseudo, overlay or per-pod volumes. */
export const REAL_FILESYSTEMS = 'fstype!~"tmpfs|overlay|squashfs|nsfs|ramfs|fuse.lxcfs",mountpoint!~"/(run|var/lib/kubelet/pods)(/.*)?"';

/** Label keys that identify one physical GPU in dcgm-exporter series. */
export const GPU_IDENTITY = "node, gpu, UUID, modelName";
