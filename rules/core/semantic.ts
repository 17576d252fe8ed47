import { durationSeconds } from "../../src/config/duration.js";
import type { RuleFile } from "../../src/model/artifacts.js";
import type { PackContext } from "../../src/model/stack-model.js";
import { errorRatio, leMatcher } from "../../src/promql/expressions.js";
import { record } from "../../src/promql/rule-builders.js";
import { accountingInterval, aggregationInterval, alertGroupInterval, rateWindow, rollupInterval } from "../../src/promql/windows.js";
import { BURN_RATE_WINDOWS, errorRatioMetric, METRIC as M, requestRateMetric } from "./catalog.js";
import { COMPONENT_ALERT_GROUP } from "./component-alerts.js";
import { gpuReadingAlerts } from "./gpu.js";
import { gpuHoldingRules, gpuHourlyRules, gpuMemoryRule, gpuReadingRules, JOULES_PER_KWH } from "./gpu-accounting.js";
import { highCpuUsageAlert } from "./platform.js";
import { inferenceObjectiveAlerts } from "./slo.js";
import { regionSelector, withNodeLabel } from "./selectors.js";

/** Burn-rate windows read from the raw counters once a roll-up interval, and those built from the 5-minute recordings. */
const SHORT_WINDOWS = BURN_RATE_WINDOWS.filter((window) => durationSeconds(window) <= 3600);
const LONG_WINDOWS = BURN_RATE_WINDOWS.filter((window) => durationSeconds(window) > 3600);

/** The `nf_*` semantic layer (names from the original system) and the intermediate series behind it. */
export function semanticRules(context: PackContext): RuleFile {
  const { settings } = context.environment;
  const w = rateWindow(settings);
  const region = regionSelector(settings);
  const highCpuUsage = highCpuUsageAlert(settings);
  const byService = "namespace, service";
  const serviceRate = (counter: string, window: string) => `sum by (${byService}) (rate(${counter}[${window}]))`;
  // The 5-minute recordings hold the rate window `w`: a burn-rate window of that length reads them, another the counters.
  const rateOf = (window: string, recorded5m: string, counter: string) => (window === w ? recorded5m : serviceRate(counter, window));
  // Each burn-rate window's traffic is recorded (below, or as the 5-minute rate when it is that window).
  const requestRateOf = (window: string) => (requestRateMetric(window) === M.requestRate5m ? rateOf(window, M.requestRate5m, M.inferRequests) : requestRateMetric(window));
  const coefficient = (metric: string) => `on () group_left () max(last_over_time(${metric}{${region}}[1h]))`;
  const energyCost = M.energyCostUsd1h;
  const gpuCostOfSourceGpu = `label_replace(${M.gpuCostUsd1h}, "source", "gpu", "", "")`;
  // IT energy by source: the GPUs', and with energy.kepler the CPU (RAPL package) and DRAM energy of each namespace.
  const itEnergy = [
    `label_replace(sum by (namespace, gpu_model) (${M.gpuEnergyKwh1h}), "source", "gpu", "", "")`,
    ...(settings.energy.kepler ? [M.hostEnergyKwh1h] : []),
  ].join(" or ");
  // Kepler gives pods only the active share of a node's energy (v0.11.4 internal/monitor/pod.go: CPU-time
  // ratio x node active energy) and exports the rest per node (node.go: idle = delta x (1 - usage ratio)):
  // that idle energy is nobody's, billed to `unallocated` as unheld GPUs are.
  const bySource = (joules: string) => `label_replace(label_replace(increase(${joules}{zone=~"package|dram"}[1h]), "source", "cpu", "zone", "package"), "source", "dram", "zone", "dram")`;
  const keplerEnergy = `
    (
      sum by (namespace, source) (label_replace(${bySource(M.keplerPodCpuJoules)}, "namespace", "$1", "pod_namespace", "(.+)"))
      or
      sum by (namespace, source) (label_replace(${bySource(M.keplerNodeCpuIdleJoules)}, "namespace", "unallocated", "", ""))
    ) / ${JOULES_PER_KWH}`;

  return {
    name: "semantic",
    groups: [
      {
        // Per-node CPU, as seldom as HighCPUUsage's hold allows (`alertGroupInterval`: 2 minutes for its
        // 10): every CPU's counter of every node is read here (64 series a node, four times the GPUs'
        // series). The alert runs right after, in this group: it sees each sample as it is recorded, so
        // it fires at most 45 s later than when the CPU was recorded every scrape and the alert every minute.
        name: "nfops-node-cpu.rules",
        interval: alertGroupInterval(settings, [highCpuUsage]),
        rules: [
          // Per target first, then per node: a node is never averaged with another for want of a `node` label.
          record(M.cpuPercent, `100 * (1 - avg by (node) (${withNodeLabel((node) => `avg by (job, instance, node) (rate(${M.nodeCpuSeconds}{mode="idle",${node}}[${w}]))`)}))`),
          highCpuUsage,
        ],
      },
      {
        // Per-node RAM and per-GPU memory, every two roll-up intervals: no alert reads them, the dashboards show them.
        name: "nfops-semantic.rules",
        interval: aggregationInterval(settings),
        rules: [record(M.ramUsedGb, `sum by (node) (${withNodeLabel((node) => `${M.nodeMemTotal}{${node}} - ${M.nodeMemAvailable}{${node}}`)}) / 1e9`), gpuMemoryRule(context)],
      },
      {
        // The 5-minute rates and the short windows' ratios, once a roll-up interval: every inference
        // pod's counters and latency buckets are read here, and at every scrape they were the costliest
        // group of the 15-second ones at fleet scale. The alerts that read them fire at most a minute
        // later (a 15-second alert group sees each new sample at its next evaluation).
        name: "nfops-inference.rules",
        interval: rollupInterval(settings),
        rules: [
          record(M.requestRate5m, serviceRate(M.inferRequests, w)),
          record(M.errorRate5m, serviceRate(M.inferErrors, w)),
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
          // The traffic of each burn-rate window: the alerts ignore services below slo.minRequestsPerSecond.
          ...SHORT_WINDOWS.filter((window) => requestRateMetric(window) !== M.requestRate5m).map((window) =>
            record(requestRateMetric(window), serviceRate(M.inferRequests, window)),
          ),
          // Recorded just before in this group, at the same instant: the ratios divide by the same values,
          // and each window of the counters is read once instead of three times.
          ...SHORT_WINDOWS.map((window) =>
            record(errorRatioMetric(window), errorRatio(rateOf(window, M.errorRate5m, M.inferErrors), requestRateOf(window))),
          ),
          // The alerts on these recordings alone, right after them: in a group of their own they would wait
          // for this group's next evaluation and then for theirs.
          ...inferenceObjectiveAlerts(settings),
        ],
      },
      {
        // Windows of hours and days from the 5-minute recordings, once a minute: re-reading days of
        // every pod's raw counters every scrape was the costliest rule group at fleet scale. Sums of
        // the 5-minute rates weigh each moment by its traffic, so the ratio is errors / requests over
        // the window whatever the evaluation interval.
        name: "nfops-inference-long.rules",
        interval: rollupInterval(settings),
        rules: [
          ...LONG_WINDOWS.map((window) =>
            record(errorRatioMetric(window), errorRatio(`sum_over_time(${M.errorRate5m}[${window}])`, `sum_over_time(${M.requestRate5m}[${window}])`)),
          ),
          ...LONG_WINDOWS.map((window) => record(requestRateMetric(window), `avg_over_time(${M.requestRate5m}[${window}])`)),
        ],
      },
      {
        // Each GPU instance's utilisation, once a roll-up interval: the GPU alerts and the accounting read
        // these. The alerts that read nothing else recorded run right after, here (gpuReadingAlerts):
        // in a group of their own they would wait for this one and then for theirs.
        name: COMPONENT_ALERT_GROUP.gpuReadings.name,
        interval: rollupInterval(settings),
        rules: [...gpuReadingRules(context), ...gpuReadingAlerts(context)],
      },
      {
        // Who holds which GPU share, once an accounting interval: the hourly sums below add these samples
        // up. Every minute, it cost more than any other group at fleet scale, for a bill in hours.
        name: "nfops-cost.rules",
        interval: accountingInterval(settings),
        rules: gpuHoldingRules(context),
      },
      {
        // Sliding one-hour windows over the holdings above, recorded as often.
        name: "nfops-cost-hourly.rules",
        interval: accountingInterval(settings),
        rules: [
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
