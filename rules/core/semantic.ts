import type { RuleFile } from "../../src/model/artifacts.js";
import type { PackContext } from "../../src/model/stack-model.js";
import { leMatcher } from "../../src/promql/expressions.js";
import { record } from "../../src/promql/rule-builders.js";
import { rateWindow } from "../../src/promql/windows.js";
import { BURN_RATE_WINDOWS, errorRatioMetric, METRIC as M, requestRateMetric } from "./catalog.js";
import { gpuHoldingRules, gpuHourlyRules, JOULES_PER_KWH } from "./gpu-accounting.js";
import { regionSelector } from "./selectors.js";

/** The `nf_*` semantic layer (names from the original system) and the intermediate series behind it. */
export function semanticRules(context: PackContext): RuleFile {
  const { settings } = context.environment;
  const w = rateWindow(settings);
  const region = regionSelector(settings);
  const byService = "namespace, service";
  const coefficient = (metric: string) => `on () group_left () max(last_over_time(${metric}{${region}}[1h]))`;
  const energyCost = M.energyCostUsd1h;
  const gpuCostOfSourceGpu = `label_replace(${M.gpuCostUsd1h}, "source", "gpu", "", "")`;
  // IT energy by source: the GPUs', and with energy.kepler the CPU (RAPL package) and DRAM energy of each namespace.
  const itEnergy = [
    `label_replace(sum by (namespace, gpu_model) (${M.gpuEnergyKwh1h}), "source", "gpu", "", "")`,
    ...(settings.energy.kepler ? [M.hostEnergyKwh1h] : []),
  ].join(" or ");
  const keplerEnergy = `
    sum by (namespace, source) (
      label_replace(label_replace(label_replace(
        increase(${M.keplerPodCpuJoules}{zone=~"package|dram"}[1h]),
        "namespace", "$1", "pod_namespace", "(.+)"),
        "source", "cpu", "zone", "package"),
        "source", "dram", "zone", "dram")
    ) / ${JOULES_PER_KWH}`;

  return {
    name: "semantic",
    groups: [
      {
        name: "nfops-semantic.rules",
        rules: [
          record(M.cpuPercent, `100 * (1 - avg by (node) (rate(${M.nodeCpuSeconds}{mode="idle"}[${w}])))`),
          record(M.ramUsedGb, `sum by (node) (${M.nodeMemTotal} - ${M.nodeMemAvailable}) / 1e9`),
        ],
      },
      {
        name: "nfops-inference.rules",
        rules: [
          record(M.requestRate5m, `sum by (${byService}) (rate(${M.inferRequests}[${w}]))`),
          record(M.errorRate5m, `sum by (${byService}) (rate(${M.inferErrors}[${w}]))`),
          record(M.latencyP95, `histogram_quantile(0.95, sum by (le, ${byService}) (rate(${M.inferLatencyMs}_bucket[${w}])))`),
          record(
            M.latencySlowRatio,
            `
            1 - (
              sum by (${byService}) (rate(${M.inferLatencyMs}_bucket{${leMatcher(settings.slo.latencyP95Ms)}}[${w}]))
              /
              sum by (${byService}) (rate(${M.inferLatencyMs}_count[${w}]))
            )`,
          ),
          // A service that has never failed has no error counter yet: count it as 0 errors, not as no data.
          ...BURN_RATE_WINDOWS.map((window) =>
            record(
              errorRatioMetric(window),
              `
              (
                sum by (${byService}) (rate(${M.inferErrors}[${window}]))
                or
                0 * sum by (${byService}) (rate(${M.inferRequests}[${window}]))
              )
              /
              sum by (${byService}) (rate(${M.inferRequests}[${window}]))`,
            ),
          ),
          // The traffic of each burn-rate window: the alerts ignore services below slo.minRequestsPerSecond.
          ...BURN_RATE_WINDOWS.filter((window) => requestRateMetric(window) !== M.requestRate5m).map((window) =>
            record(requestRateMetric(window), `sum by (${byService}) (rate(${M.inferRequests}[${window}]))`),
          ),
        ],
      },
      {
        name: "nfops-cost.rules",
        rules: [
          // One group: rules of a group run in order at the same instant, so each hourly sum sees the share recorded just before it.
          ...gpuHoldingRules(context),
          ...gpuHourlyRules(context),
          ...(settings.energy.kepler ? [record(M.hostEnergyKwh1h, keplerEnergy)] : []),
          record(M.energyKwh, `(${itEnergy}) * ${coefficient(M.pue)}`),
          record(M.co2Kg, `${M.energyKwh} * ${coefficient(M.carbonIntensity)} / 1000`),
          record(energyCost, `${M.energyKwh} * ${coefficient(M.electricityPrice)}`),
          // A GPU held for part of the hour without energy still costs its hourly price; CPU and DRAM energy have no GPU price.
          record(
            M.costUsd,
            `
            ${energyCost} + on (namespace, gpu_model, source) ${gpuCostOfSourceGpu}
            or ${energyCost}
            or ${gpuCostOfSourceGpu}`,
          ),
        ],
      },
    ],
  };
}
