import { COMPONENT_ALERT_GROUP, componentAlert } from "../../rules/core/component-alerts.js";
import { dcgmJob } from "../../rules/core/selectors.js";
import { GPU_RESOURCES } from "../catalog/gpu-resources.js";
import { KUBE_NODE_ALLOCATABLE } from "../catalog/kube-state-metrics-resources.js";
import { SEMANTIC_METRIC } from "../catalog/semantic-metrics.js";
import type { ComponentAlert } from "../model/stack-model.js";
import { dedent } from "../promql/expressions.js";

/** dcgm-exporter's own alerts (this stack's, or the GPU Operator's under `gpu.exporter: existing`). */
export const DCGM_EXPORTER_ALERTS: readonly ComponentAlert[] = [
  componentAlert(COMPONENT_ALERT_GROUP.gpu, ({ stack }) => ({
    name: "GPUExporterDown",
    expr: `up{job="${dcgmJob(stack)}"} == 0`,
    for: "5m",
    severity: "warning",
    category: "gpu",
    summary: "dcgm-exporter cannot be scraped.",
    description: "dcgm-exporter on {{ $labels.node }} ({{ $labels.instance }}) has been down for 5 minutes: GPU metrics, GPU cost and CO2 are not being recorded.",
  })),
  componentAlert(COMPONENT_ALERT_GROUP.gpuReadings, ({ stack }) => ({
    name: "GPUMetricsAbsent",
    expr: dedent(`
      sum(${KUBE_NODE_ALLOCATABLE}{${GPU_RESOURCES}}) > 0
      and on ()
      absent(${SEMANTIC_METRIC.gpuUtil})`),
    for: "15m",
    severity: "warning",
    category: "gpu",
    summary: "The cluster has GPUs but no GPU metrics.",
    description: `Nodes advertise {{ $value }} GPUs or MIG instances but no DCGM series of job ${dcgmJob(stack)} exist: dcgm-exporter is not running on the GPU nodes or is not scraped.`,
  })),
];
