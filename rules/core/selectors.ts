import { GPU_RESOURCES } from "../../src/catalog/gpu-resources.js";
import { METRIC } from "./catalog.js";
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

/**
 * node-exporter's series with a `node` label: as scraped where the scrape adds one (this stack's
 * job; kube-prometheus-stack with the relabeling docs/stack.md "Operator profile" gives), else from the
 * target's `node_uname_info` `nodename`. kube-prometheus-stack 88.5.3 scrapes node-exporter without
 * `node` (charts/kube-prometheus-stack/values.yaml: `prometheus-node-exporter.prometheus.monitor.relabelings: []`),
 * so per-node rules averaged every node into one. `series(matcher)` is the expression for series
 * with (`node!=""`) or without (`node=""`) the label; its result keeps `job` and `instance`.
 */
export function withNodeLabel(series: (nodeMatcher: string) => string): string {
  const nodeNames = `label_replace(max by (job, instance, nodename) (${METRIC.nodeUnameInfo}{node=""}), "node", "$1", "nodename", "(.+)")`;
  return `${series('node!=""')}\nor\n(${series('node=""')}) * on (job, instance) group_left (node) ${nodeNames}`;
}

/** Filesystems that fill up for real: no pseudo, overlay or per-pod volumes. */
export const REAL_FILESYSTEMS = 'fstype!~"tmpfs|overlay|squashfs|nsfs|ramfs|fuse.lxcfs",mountpoint!~"/(run|var/lib/kubelet/pods)(/.*)?"';

/**
 * The series of an instant selector that carry `label`, by a set operation on the series it selected.
 * The matcher `pod!=""` first merges the postings of every value the label has in the TSDB, at every
 * evaluation (tsdb/querier.go `PostingsForMatchers`, `inversePostingsForMatcher` @ v2.42.0): for
 * `pod`, every pod the cluster's exporters name. `vector(1)` has no labels, so `unless on (label)`
 * drops exactly the series without it. Only where most of the selected series carry the label (the
 * holders of the GPUs): where few do, or over a range, the matcher is cheaper, because it spares
 * reading the other series (`npm run bench`, measured at 10,000 GPUs).
 */
export const withLabel = (instant: string, label: string) => `(${instant} unless on (${label}) vector(1))`;

/** Label keys that identify one physical GPU in dcgm-exporter series. */
export const GPU_IDENTITY = "node, gpu, UUID, modelName";

/**
 * Label keys of one GPU or one MIG instance of it: dcgm-exporter adds `GPU_I_PROFILE` (e.g.
 * `1g.10gb`) and `GPU_I_ID` to the series of MIG instances; whole GPUs have neither.
 */
export const GPU_INSTANCE = `${GPU_IDENTITY}, GPU_I_PROFILE, GPU_I_ID`;

/** Label keys of one holder of a GPU or MIG instance: the pod, or none (`pod=""`). */
export const GPU_HOLDER = `${GPU_INSTANCE}, namespace, pod`;

/** Every NVIDIA GPU resource as kube-state-metrics spells it (whole, shared, MIG): one matcher, in the catalog. */
export { GPU_RESOURCES };

/** Label keys that join per-GPU series (UUIDs are unique; `node` keeps the result readable). */
export const PHYSICAL_GPU = "node, UUID";

/**
 * The job whose DCGM series every rule and dashboard reads: this stack's dcgm-exporter, or the
 * GPU Operator's (`gpu.exporter: existing`). Exactly one, so that a second exporter scraping the
 * same GPUs never doubles energy or cost.
 */
export function dcgmJob(stack: StackPlan): string {
  const { gpu } = stack.settings;
  return gpu.exporter === "existing" ? gpu.existingExporterJob : stack.job("dcgmExporter");
}

/** A DCGM series of the one exporter job, with optional further matchers: `DCGM_FI_X{job="…",pod=""}`. */
export function dcgmSeries(stack: StackPlan, metric: string, ...matchers: string[]): string {
  return `${metric}{${[`job="${dcgmJob(stack)}"`, ...matchers].join(",")}}`;
}
