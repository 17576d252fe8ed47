import { Gauge, Registry } from "prom-client";
import { METRIC } from "../../rules/core/catalog.js";
import { metricHelp } from "../exporter/metric-help.js";
import type { HostSnapshot } from "./host-snapshot.js";

/** The snapshot in Prometheus text format, under the semantic metric names of the catalog. */
export async function snapshotExposition(snapshot: HostSnapshot): Promise<string> {
  const registry = new Registry();
  const gauge = (name: string, labelNames: string[]) => new Gauge({ name, help: metricHelp(name), labelNames, registers: [registry] });

  gauge(METRIC.cpuPercent, ["node"]).set({ node: snapshot.node }, snapshot.cpuPercent);
  gauge(METRIC.ramUsedGb, ["node"]).set({ node: snapshot.node }, snapshot.ramUsedGb);
  if (snapshot.gpus.length > 0) {
    // Same label names as dcgm-exporter's series, so queries work on both.
    const gpuLabels = ["node", "gpu", "UUID", "modelName"];
    const util = gauge(METRIC.gpuUtil, gpuLabels);
    const vram = gauge(METRIC.vramUsedGb, gpuLabels);
    for (const gpu of snapshot.gpus) {
      const labels = { node: snapshot.node, gpu: gpu.index, UUID: gpu.uuid, modelName: gpu.name };
      if (gpu.utilizationPercent !== undefined) util.set(labels, gpu.utilizationPercent);
      if (gpu.memoryUsedGb !== undefined) vram.set(labels, gpu.memoryUsedGb);
    }
  }
  const text = await registry.metrics();
  // The text format ends every line with a newline; prom-client leaves the last one off.
  return text.endsWith("\n") ? text : `${text}\n`;
}
