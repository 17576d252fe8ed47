import type { RuleFile } from "../../src/model/artifacts.js";
import type { PackContext } from "../../src/model/stack-model.js";
import { leMatcher } from "../../src/promql/expressions.js";
import { record } from "../../src/promql/rule-builders.js";
import { HOUR_RANGE, rateWindow } from "../../src/promql/windows.js";
import { BURN_RATE_WINDOWS, errorRatioMetric, METRIC as M, requestRateMetric } from "./catalog.js";
import { GPU_IDENTITY, regionSelector } from "./selectors.js";
import { durationSeconds } from "../../src/config/duration.js";

const MILLIJOULES_PER_KWH = 3.6e9;
/** dcgm labels that identify a GPU and who holds it. */
const DCGM_KEEP = `${GPU_IDENTITY}, namespace, pod, container`;

/**
 * DCGM series with the labels the cost roll-ups group by: `gpu_model` (= DCGM `modelName`, the
 * key of `nf_gpu_price_usd_per_hour`) and `namespace`, where a GPU no pod holds counts as
 * `unallocated` so idle GPUs still show up in the bill.
 */
function attributed(expr: string): string {
  return `label_replace(label_replace(${expr}, "gpu_model", "$1", "modelName", "(.+)"), "namespace", "unallocated", "namespace", "")`;
}

/** The `nf_*` semantic layer (names from the original system) and the intermediate series behind it. */
export function semanticRules({ environment }: PackContext): RuleFile {
  const { settings } = environment;
  const w = rateWindow(settings);
  const region = regionSelector(settings);
  const byService = "namespace, service";
  const scrapeSeconds = durationSeconds(settings.scrapeInterval);
  const coefficient = (metric: string) => `on () group_left () max(last_over_time(${metric}{${region}}[1h]))`;
  const energyCost = M.energyCostUsd1h;
  const gpuCost = M.gpuCostUsd1h;

  return {
    name: "semantic",
    groups: [
      {
        name: "nfops-semantic.rules",
        rules: [
          record(M.gpuUtil, `max by (${DCGM_KEEP}) (${M.dcgmGpuUtil})`),
          // MiB -> bytes -> GB (1e9 bytes, as the original system reported it).
          record(M.vramUsedGb, `max by (${DCGM_KEEP}) (${M.dcgmFbUsed}) * 1048576 / 1e9`),
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
          // increase() handles counter resets (driver reload, reboot); mJ -> kWh.
          record(M.gpuEnergyKwh1h, `sum by (namespace, gpu_model) (${attributed(`increase(${M.dcgmEnergy}[1h])`)}) / ${MILLIJOULES_PER_KWH}`),
          // Each scrape in which a GPU is seen stands for one scrape interval of that GPU.
          record(
            M.gpuHours1h,
            `sum by (namespace, gpu_model) (${attributed(`count_over_time(${M.dcgmGpuUtil}[${HOUR_RANGE}])`)}) * ${scrapeSeconds} / 3600`,
          ),
          record(M.energyKwh, `${M.gpuEnergyKwh1h} * ${coefficient(M.pue)}`),
          record(M.co2Kg, `${M.energyKwh} * ${coefficient(M.carbonIntensity)} / 1000`),
          record(energyCost, `${M.energyKwh} * ${coefficient(M.electricityPrice)}`),
          record(
            gpuCost,
            `${M.gpuHours1h} * on (gpu_model) group_left () max by (gpu_model) (last_over_time(${M.gpuPrice}[1h]))`,
          ),
          // A GPU without an energy counter still costs its hourly price, and vice versa.
          record(M.costUsd, `(${energyCost} + ${gpuCost}) or ${energyCost} or ${gpuCost}`),
        ],
      },
    ],
  };
}
