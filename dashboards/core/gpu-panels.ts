import type * as cog from "@grafana/grafana-foundation-sdk/cog";
import type { Panel } from "@grafana/grafana-foundation-sdk/dashboard";
import type { Environment } from "../../src/config/environment-schema.js";
import { METRIC } from "../../rules/core/catalog.js";
import { lowerLimit, prometheusQuery, series, timeseries, UNIT } from "../common.js";

/** Per-GPU panels shared by the Overview (whole fleet) and the GPU fleet dashboard (selected GPUs). */

/** Legend of a per-GPU series: where it is, its MIG profile if it is an instance, and who holds it. */
export const PER_GPU_LEGEND = "{{node}} GPU {{gpu}} {{GPU_I_PROFILE}} {{namespace}}";

/** Utilisation per GPU against the GPUUtilizationLow threshold. */
export function gpuUtilisationPanel(environment: Environment, matchers: readonly string[]): cog.Builder<Panel> {
  return timeseries({
    title: "GPU utilisation",
    description: `Utilisation per GPU (\`${METRIC.gpuUtil}\`). The dashed line is the GPUUtilizationLow threshold: a GPU held by a pod that stays below it is wasted.`,
    unit: UNIT.percent,
    targets: [prometheusQuery(series(METRIC.gpuUtil, ...matchers), PER_GPU_LEGEND)],
    thresholds: lowerLimit(environment.settings.gpu.lowUtilizationPercent, "orange"),
    min: 0,
    max: 100,
    width: 8,
    height: 8,
  });
}

/** Framebuffer memory in use per GPU, in GB. */
export function gpuMemoryPanel(matchers: readonly string[]): cog.Builder<Panel> {
  return timeseries({
    title: "GPU memory in use",
    description: `Framebuffer memory in use per GPU, in GB (\`${METRIC.vramUsedGb}\`).`,
    unit: UNIT.gigabytes,
    targets: [prometheusQuery(series(METRIC.vramUsedGb, ...matchers), PER_GPU_LEGEND)],
    min: 0,
    width: 8,
    height: 8,
  });
}
