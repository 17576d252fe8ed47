import { durationSeconds } from "../../src/config/duration.js";
import { MIG_LAYOUTS } from "../../src/cost/mig.js";
import type { Rule } from "../../src/model/artifacts.js";
import type { PackContext } from "../../src/model/stack-model.js";
import { formatNumber } from "../../src/promql/expressions.js";
import { record } from "../../src/promql/rule-builders.js";
import { accountingInterval, HOUR_OF_RECORDINGS } from "../../src/promql/windows.js";
import { METRIC as M } from "./catalog.js";
import { dcgmSeries, GPU_HOLDER, GPU_IDENTITY, GPU_INSTANCE, PHYSICAL_GPU, withLabel } from "./selectors.js";

const MILLIJOULES_PER_KWH = 3.6e9;
export const JOULES_PER_KWH = 3.6e6;

/**
 * What each GPU instance uses now, once a roll-up interval: the only rules that read dcgm-exporter's
 * per-instance utilisation series (DESIGN §12). The GPU alerts and the accounting below derive from them.
 */
export function gpuReadingRules({ stack }: PackContext): Rule[] {
  const dcgm = (metric: string, ...matchers: string[]) => dcgmSeries(stack, metric, ...matchers);
  return [
    record(
      M.gpuUtil,
      `
      max by (${GPU_INSTANCE}, namespace, pod, container) (${dcgm(M.dcgmGpuUtil, 'GPU_I_ID=""')})
      or
      100 * max by (${GPU_INSTANCE}, namespace, pod, container) (${dcgm(M.dcgmGrEngineActive, 'GPU_I_ID!=""')})`,
    ),
  ];
}

/**
 * GPU memory used per GPU or MIG instance, for the dashboards (no alert reads it): recorded with the
 * nodes' CPU and RAM, every two roll-up intervals. MiB -> bytes -> GB (1e9 bytes, as the original system reported it).
 */
export function gpuMemoryRule({ stack }: PackContext): Rule {
  return record(M.vramUsedGb, `max by (${GPU_INSTANCE}, namespace, pod, container) (${dcgmSeries(stack, M.dcgmFbUsed)}) * 1048576 / 1e9`);
}

/**
 * Who holds which share of which GPU, and how much power each GPU without an energy counter drew:
 * the layer between the readings above and the hourly cost roll-ups. The rules are the same for
 * every fleet and cover its cases at once:
 *
 * - a whole GPU held by one pod, or by none (`namespace="unallocated"`): share 1;
 * - a GPU shared by n pods (time-slicing, MPS; dcgm-exporter repeats the device's series once
 *   per pod): share 1/n each, so its hours and energy are split, never multiplied;
 * - a MIG instance of profile `<N>g.*`: share N / compute slices of the GPU (`src/cost/mig.ts`);
 *   device-level series repeat per instance, so per-GPU values are taken once (`max by` GPU).
 *
 * Energy is counted once per physical GPU by the first method it supports: its energy counter,
 * else its power reading integrated over time, else TDP x utilisation, and split between the
 * GPU's holders in proportion to their GPU-hours.
 *
 * They run at the accounting interval (`accountingInterval`, 4 minutes): each sample stands for
 * that much of the GPU. The shares and the TDP estimate derive from `nf_gpu_util`.
 */
export function gpuHoldingRules({ environment, stack }: PackContext): Rule[] {
  const { gpu } = environment.settings;
  // nf_gpu_util holds every whole GPU's utilisation (GPU_I_ID="") and every MIG instance (GPU_I_ID!=""), per holder and container.
  const recorded = (...matchers: string[]) => `${M.gpuUtil}{${matchers.join(",")}}`;

  // GPUs cut into MIG instances, once: the whole-GPU terms below leave them out with this small set instead of re-reading every instance.
  const shares = [...wholeGpuShareTerms(recorded, M.migGpuInstances, M.wholeGpuPodUse), ...migShareTerms(recorded)].map((term) => `(${term})`).join("\nor\n");

  const counted = dcgmSeries(stack, M.dcgmEnergy);
  const tdpByModel = `label_replace(${M.gpuTdpByModel}, "modelName", "$1", "gpu_model", "(.+)")`;
  return [
    // Only the shares below read it: counted as often as they are.
    record(M.migGpuInstances, `count by (${PHYSICAL_GPU}) (${M.gpuUtil}{GPU_I_ID!=""})`),
    // Each pod's weight on a whole GPU, once: the shares divide it by its GPU's sum of them.
    record(M.wholeGpuPodUse, `max by (${GPU_HOLDER}) (${withLabel(recorded('GPU_I_ID=""'), "pod")} unless on (${PHYSICAL_GPU}) ${M.migGpuInstances}) + ${NO_USE}`),
    record(M.gpuShare, attributed(shares)),
    record(
      M.gpuIdleShare,
      `${M.gpuShare}{namespace!="unallocated"} and on (${GPU_HOLDER}) ${M.gpuUtil} < ${formatNumber(gpu.lowUtilizationPercent)}`,
    ),
    // Per namespace and model at each evaluation: the hourly sums add up these few series, not every holder's.
    record(M.gpuShareByNamespace, `sum by (namespace, gpu_model) (${M.gpuShare})`),
    record(M.gpuIdleShareByNamespace, `sum by (namespace, gpu_model) (${M.gpuIdleShare})`),
    // The energy counter's increase over each accounting interval, per physical GPU: the hour's energy adds up
    // the hour's steps (resets handled in each) instead of reading an hour of every counter at every evaluation.
    record(M.countedGpuEnergyStep, `max by (${GPU_IDENTITY}) (increase(${counted}[${accountingInterval(environment.settings)}]))`),
    // The TDP per model apart: Prometheus opens every block that a query's longest range reaches for all of
    // its selectors (engine.go execEvalStmt, Querier(mint) @ v2.42.0), so an hour's range beside every GPU's
    // power and utilisation made the rule below read them from the last hour's blocks too, twice the work.
    record(M.gpuTdpByModel, `max by (gpu_model) (last_over_time(${M.gpuTdp}[1h]))`),
    // GPUs without such a step: their power reading, else TDP x utilisation. Never both, never beside a step,
    // so each evaluation counts every GPU's energy once; the counters are read once, by the step above.
    record(
      M.uncountedGpuPower,
      `
      (
        label_replace(max by (${GPU_IDENTITY}) (${dcgmSeries(stack, M.dcgmPowerUsage)}), "method", "power", "", "")
        or on (${PHYSICAL_GPU})
        label_replace(
          max by (${GPU_IDENTITY}) (${recorded('GPU_I_ID=""')}) / 100
          * on (modelName) group_left () ${tdpByModel},
          "method", "tdp_estimate", "", ""
        )
      )
      unless on (${PHYSICAL_GPU}) ${M.countedGpuEnergyStep}`,
    ),
  ];
}

/**
 * The hourly GPU roll-ups: GPU-hours and energy per holder and per GPU, then per namespace and
 * model, at the accounting interval like the holdings they add up (15 samples an hour at 4 minutes).
 */
export function gpuHourlyRules({ environment }: PackContext): Rule[] {
  const evaluationSeconds = durationSeconds(accountingInterval(environment.settings));
  const toHours = `${evaluationSeconds} / 3600`;
  const price = `on (gpu_model) group_left () max by (gpu_model) (last_over_time(${M.gpuPrice}[1h]))`;
  return [
    // Each evaluation's share stands for one evaluation interval of the GPU.
    record(M.holderGpuHours1h, `sum_over_time(${M.gpuShare}[${HOUR_OF_RECORDINGS}]) * ${toHours}`),
    // The sum over holders of their hours is the hour's sum of the per-namespace sums recorded at the same instants.
    record(M.gpuHours1h, `sum_over_time(${M.gpuShareByNamespace}[${HOUR_OF_RECORDINGS}]) * ${toHours}`),
    record(M.gpuIdleHours1h, `sum_over_time(${M.gpuIdleShareByNamespace}[${HOUR_OF_RECORDINGS}]) * ${toHours}`),
    record(M.gpuIdleCostUsd1h, `${M.gpuIdleHours1h} * ${price}`),
    // The counter's increases per accounting interval (resets handled) over the hour, mJ -> kWh. Power samples: W x seconds -> J -> kWh.
    record(
      M.physicalGpuEnergyKwh1h,
      `
      label_replace(sum_over_time(${M.countedGpuEnergyStep}[${HOUR_OF_RECORDINGS}]), "method", "counter", "", "") / ${MILLIJOULES_PER_KWH}
      or on (${PHYSICAL_GPU})
      sum by (${GPU_IDENTITY}, method) (sum_over_time(${M.uncountedGpuPower}[${HOUR_OF_RECORDINGS}])) * ${evaluationSeconds} / ${JOULES_PER_KWH}`,
    ),
    record(
      M.gpuEnergyKwh1h,
      `
      sum by (namespace, gpu_model, method) (
        ${M.holderGpuHours1h}
        / on (${PHYSICAL_GPU}) group_left () sum by (${PHYSICAL_GPU}) (${M.holderGpuHours1h})
        * on (${PHYSICAL_GPU}) group_left (method) ${M.physicalGpuEnergyKwh1h}
      )`,
    ),
    record(M.gpuCostUsd1h, `${M.gpuHours1h} * ${price}`),
  ];
}

/**
 * A weight far below any utilisation (2^-1000) added to each pod's: a GPU whose pods all read 0 then
 * splits equally (each δ / nδ = 1/n, exactly), while on any other GPU the sums and ratios are exactly
 * those of the utilisations (δ vanishes in any sum with a number above 2^-947). The shares of pods at
 * 0 beside busy ones come out as δ / S, below 2^-940, and rounding to `ROUNDING` (2^-900) makes them 0
 * and leaves every other share as it is (a multiple of 2^-900 far beyond its last bit). One reading
 * of the pods' utilisation for both cases instead of one per case.
 */
const NO_USE = 2 ** -1000;
const ROUNDING = 2 ** -900;

/**
 * Shares of whole GPUs (a MIG GPU's own device series, where an exporter reports one, is no holder):
 *
 * - held by pods: each pod's utilisation over the pods' sum. dcgm-exporter 4.5.3 with
 *   `--kubernetes-virtual-gpus` writes each sharing pod's own utilisation (per-process SM use) next
 *   to the device's series, which keeps no pod (internal/pkg/transformation/kubernetes.go and
 *   process_metrics.go @ 4.5.3-4.8.2): shares follow usage. 4.4.x with the flag repeats the device's
 *   value once per pod (kubernetes.go @ 4.4.2-4.7.0): equal weights, 1/n each. Pods that all read 0
 *   split the GPU equally (`NO_USE`). Without the flag only the last pod of a shared GPU is named (toDeviceToPod
 *   keeps one pod per device) and pays it whole: docs/cost.md "GPU accounting".
 * - held by none: the device's series, `unallocated` with share 1; never beside pods that hold it,
 *   which would make it a holder of 1/(n+1).
 *
 * `podUse` is each pod's weight, recorded just before in the same group so that every pod's utilisation is read once.
 */
function wholeGpuShareTerms(utilisation: (...matchers: string[]) => string, migGpus: string, podUse: string): string[] {
  return [
    `round(${podUse} / on (${PHYSICAL_GPU}) group_left () sum by (${PHYSICAL_GPU}) (${podUse}), ${ROUNDING})`,
    `group by (${GPU_HOLDER}) (${utilisation('GPU_I_ID=""', 'pod=""')} unless on (${PHYSICAL_GPU}) (${podUse} or ${migGpus}))`,
  ];
}

/**
 * One term per MIG layout: each instance's compute slices N (the number before `g` in its
 * profile) become a label, and a small table of N joined on it gives `N / slices` on the GPUs of
 * that layout (the first layout whose model pattern matches). One selector per layout: a term per
 * profile size read the instances eleven times every scrape.
 */
function migShareTerms(utilisation: (...matchers: string[]) => string): string[] {
  const label = "compute_slices";
  return MIG_LAYOUTS.map((layout, index) => {
    const models = [`modelName=~"${layout.modelPattern}"`, ...MIG_LAYOUTS.slice(0, index).map((earlier) => `modelName!~"${earlier.modelPattern}"`)];
    const instances = `label_replace(${utilisation('GPU_I_ID!=""', ...models)}, "${label}", "$1", "GPU_I_PROFILE", "([1-9])g\\\\..*")`;
    const sliceCounts = Array.from({ length: layout.slices }, (_, i) => `label_replace(vector(${i + 1}), "${label}", "${i + 1}", "", "")`).join(" or ");
    return `sum without (${label}) (group by (${GPU_HOLDER}, ${label}) (${instances}) * on (${label}) group_left () (${sliceCounts})) / ${layout.slices}`;
  });
}

/**
 * Series with the labels the cost roll-ups group by: `gpu_model` (= DCGM `modelName`, the key of
 * `nf_gpu_price_usd_per_hour`) and `namespace`, where a GPU no pod holds counts as `unallocated`
 * so idle GPUs still show up in the bill.
 */
function attributed(expr: string): string {
  return `label_replace(label_replace(${expr}, "gpu_model", "$1", "modelName", "(.+)"), "namespace", "unallocated", "namespace", "")`;
}
