import type { PackContext } from "../model/stack-model.js";
import { producerScopes } from "../../rules/inputs/producer-scope.js";

/**
 * What the exporters the user runs must write for the packs in effect, printed by `nfops synth`
 * (exact fields, flags and relabelings), derived from the same contracts as InputMetricsMissing and
 * InputLabelsMissing: for `gpu.exporter: existing` the GPU Operator's dcgm-exporter, and in the
 * operator profile the scrapes kube-prometheus-stack owns.
 */
export function exporterAdvice(context: PackContext): string[] {
  const { settings } = context.environment;
  const producers = new Set(producerScopes(context.stack, context.packs).map((scope) => scope.producer));
  const advice: string[] = [];
  if (settings.profile === "operator") {
    if (settings.gpu.exporter === "existing" && producers.has("dcgm-exporter")) {
      advice.push(
        [
          "the GPU Operator's dcgm-exporter ServiceMonitor: prometheus-operator gives every target namespace, pod, container and service labels, and dcgm-exporter leaves namespace, pod and container empty on GPUs no pod holds, so those target labels would name the exporter's own pod as the holder (InputLabelsMissing, doctor's honor-labels-leak). Drop them from the target in the ClusterPolicy:",
          "  dcgmExporter:",
          "    serviceMonitor:",
          "      enabled: true",
          "      relabelings:",
          "        - sourceLabels: [__meta_kubernetes_pod_node_name]",
          "          targetLabel: node",
          "        - regex: namespace|pod|container|service",
          "          action: labeldrop",
        ].join("\n"),
      );
    }
    if (producers.has("node-exporter")) {
      advice.push(
        [
          "kube-prometheus-stack's node-exporter has no `node` label by default: nf_cpu_percent becomes one cluster mean and HighCPUUsage misses a hot node (InputLabelsMissing says so). Add to its values:",
          "  prometheus-node-exporter:",
          "    prometheus:",
          "      monitor:",
          "        relabelings:",
          "          - sourceLabels: [__meta_kubernetes_pod_node_name]",
          "            targetLabel: node",
        ].join("\n"),
      );
    }
    if (producers.has("kube-state-metrics")) {
      advice.push("kube-state-metrics must be scraped with honorLabels: true (kube-prometheus-stack's default): without it the objects' namespace moves to exported_namespace and GPU requests are charged to the exporter's namespace.");
    }
  }
  return advice;
}
