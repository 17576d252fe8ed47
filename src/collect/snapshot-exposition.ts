import { Gauge, Registry } from "prom-client";
import { metricHelp } from "../catalog/metric-help.js";
import { SEMANTIC_METRIC, semanticMetrics } from "../catalog/semantic-metrics.js";
import type { HostSnapshot } from "./host-snapshot.js";

/** The snapshot in Prometheus text format, under the semantic metric names (the names the core recording rules produce). */
export async function snapshotExposition(snapshot: HostSnapshot): Promise<string> {
  const registry = new Registry();
  const gauge = (name: string, labelNames: string[]) => new Gauge({ name, help: metricHelp(semanticMetrics, name), labelNames, registers: [registry] });

  gauge(SEMANTIC_METRIC.cpuPercent, ["node"]).set({ node: snapshot.node }, snapshot.cpuPercent);
  gauge(SEMANTIC_METRIC.ramUsedGb, ["node"]).set({ node: snapshot.node }, snapshot.ramUsedGb);
  if (snapshot.gpus.length > 0) {
    // Same label names as dcgm-exporter's series, so queries work on both.
    const gpuLabels = ["node", "gpu", "UUID", "modelName"];
    const util = gauge(SEMANTIC_METRIC.gpuUtil, gpuLabels);
    const vram = gauge(SEMANTIC_METRIC.vramUsedGb, gpuLabels);
    for (const gpu of snapshot.gpus) {
      const labels = { node: snapshot.node, gpu: gpu.index, UUID: gpu.uuid, modelName: gpu.name };
      if (gpu.utilizationPercent !== undefined) util.set(labels, gpu.utilizationPercent);
      if (gpu.memoryUsedGb !== undefined) vram.set(labels, gpu.memoryUsedGb);
    }
  }
  return registry.metrics();
}
