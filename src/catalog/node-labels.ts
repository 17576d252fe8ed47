/**
 * Node labels the rules read through kube-state-metrics' `kube_node_labels`, which exports only the
 * labels its `--metric-labels-allowlist` names: the stack's kube-state-metrics lists these.
 */

/** Set by NVIDIA GPU feature discovery: `time-slicing` or `mps` when the device plugin advertises each GPU several times. */
export const GPU_SHARING_NODE_LABEL = "nvidia.com/gpu.sharing-strategy";

export const EXPORTED_NODE_LABELS: readonly string[] = [GPU_SHARING_NODE_LABEL];

/** The label of `kube_node_labels` that carries a node label: `label_` and the name with every other character as `_`. */
export function nodeLabelMetricLabel(nodeLabel: string): string {
  return `label_${nodeLabel.replace(/[^a-zA-Z0-9_]/g, "_")}`;
}
