import { describe, expect, it } from "vitest";
import { METRIC } from "../../rules/core/catalog.js";
import { durationSeconds } from "../../src/config/duration.js";
import { accountingInterval, PROMPT_HOLD_BELOW, rollupInterval } from "../../src/promql/windows.js";
import { loadTestEnvironment } from "../helpers/environments.js";
import { artifactsOf } from "../helpers/packs.js";
import { metricsReadNow } from "../../src/promql/metrics-read-now.js";
import { delaysFromSample, readersMoreOftenThan, rulesReading } from "../helpers/rule-readers.js";
import { parsePromQL, promqlMetrics } from "../helpers/query-syntax.js";

/**
 * The GPU accounting's cost design (rules/core/gpu-accounting.ts, `npm run bench -- rules`): the
 * readings are recorded at the roll-up interval, and dcgm-exporter's per-instance utilisation
 * series are read once there, by `nf_gpu_util`; the holdings and their hourly sums run at the
 * accounting interval, and the shares and the TDP estimate derive from `nf_gpu_util`.
 */
const PER_INSTANCE_UTILISATION: readonly string[] = [METRIC.dcgmGpuUtil, METRIC.dcgmGrEngineActive];

const { environment } = loadTestEnvironment("", "gpu-cost");
const groups = artifactsOf(environment).ruleFiles.flatMap((f) => f.groups);
const readingsGroup = groups.find((g) => g.name === "nfops-gpu-readings.rules");
const costGroup = groups.find((g) => g.name === "nfops-cost.rules");
/** dcgm-exporter's per-instance series (every `DCGM_*` metric): thousands of series on a large fleet. */
const isRawDcgm = (metric: string) => metric.startsWith("DCGM_");
const rawDcgmReaders = rulesReading(groups, isRawDcgm);

describe("GPU accounting rule cost", () => {
  it("GIVEN the default settings THEN the readings run at the roll-up interval, the holdings and their hourly roll-ups every 4 minutes", () => {
    expect(readingsGroup?.interval).toBe(rollupInterval(environment.settings));
    expect(accountingInterval(environment.settings)).toBe("4m");
    expect(costGroup?.interval).toBe("4m");
    expect(groups.find((g) => g.name === "nfops-cost-hourly.rules")?.interval).toBe("4m");
  });

  it("GIVEN the default settings THEN GPUUtilizationLow runs with the accounting chain, the GPU alerts that wait less than 10 minutes every 75 s with what they read and those who read it, the other GPU alerts of 15 minutes every 100 s, and the alerts on the utilisation and CPU recordings right after them", () => {
    const groupOf = (name: string) => groups.find((g) => g.rules.some((rule) => (rule.alert ?? rule.record) === name));
    expect(groupOf("GPUUtilizationLow")?.interval).toBe(accountingInterval(environment.settings));
    expect(groupOf(METRIC.lowUtilizationHolders)).toBe(groupOf("GPUUtilizationLow"));
    const rulesOf = (name: string) => groups.find((g) => g.name === name)?.rules.map((rule) => rule.alert ?? rule.record);
    const alertsOf = (name: string) => groups.find((g) => g.name === name)?.rules.flatMap((rule) => rule.alert ?? []);
    expect(groups.find((g) => g.name === "nfops-gpu")?.interval).toBe("75s");
    expect(alertsOf("nfops-gpu")).toEqual(["GPUTemperatureHigh", "GPUXidErrors", "GPUPodMappingBroken", "GPUEccUncorrectableErrors", "GPURowRemapFailure", "GPUExporterDown", "GPUFellOffBus"]);
    // The per-node GPU count GPUFellOffBus, the ECC alert and GPUPodMappingBroken read, and the latter's count of series that name a pod.
    expect(rulesOf("nfops-gpu")?.slice(0, 2)).toEqual([METRIC.nodeGpuInstances, METRIC.nodeGpuHeldSeries]);
    expect(groupOf(METRIC.gpuEccDbeErrors)?.name).toBe("nfops-gpu");
    expect(groups.find((g) => g.name === "nfops-gpu-sustained")?.interval).toBe("100s");
    expect(alertsOf("nfops-gpu-sustained")).toEqual(["GPUMemoryNearlyFull", "GPUClockThrottled", "GPUNVLinkErrors"]);
    expect(readingsGroup?.rules.map((rule) => rule.alert ?? rule.record)).toEqual([METRIC.gpuUtil, METRIC.unheldGpuMemoryMiB, "ZombieGPUProcess", "GPUMetricsAbsent"]);
    expect(groups.find((g) => g.name === "nfops-node-cpu.rules")).toMatchObject({ interval: "2m", rules: [{ record: METRIC.cpuPercent }, { alert: "HighCPUUsage" }] });
  });

  /** Overrides that change the holds: of the intervals up to 75 s, one minute is the longest that 5 and 7 minutes are whole numbers of; 100 s divides 15 minutes (9 evaluations). */
  const OVERRIDDEN_HOLDS = "alerts:\n  GPUTemperatureHigh: { for: 7m }\n  ZombieGPUProcess: { for: 15m }\n  HighCPUUsage: { for: 7m }\n";

  // From a sample to an alert's firing: the evaluation that first sees the sample (its group's interval,
  // plus the delay of each recording of another group it reads), then its hold, rounded up to a whole
  // number of evaluations. At the start of the rule-cost work, the recordings these alerts read ran every
  // scrape, and so did the alerts that wait less than 10 minutes; the others ran every roll-up interval.
  // Each alert may now fire at most one roll-up interval later than that.
  it.each([
    ["the default settings", ""],
    ["a 7-minute GPUTemperatureHigh and HighCPUUsage and a 15-minute ZombieGPUProcess", OVERRIDDEN_HOLDS],
    ["a 2-minute scrape interval", "scrapeInterval: 2m\n"],
  ])("GIVEN %s THEN each GPU, node CPU and inference alert of the semantic and GPU files fires at most one roll-up interval later than when it and what it reads ran every scrape, or every roll-up interval for holds of 10 minutes or more", (_case, yaml) => {
    const { environment: env } = loadTestEnvironment(yaml, "gpu-holds");
    const rollup = durationSeconds(rollupInterval(env.settings));
    const scrape = durationSeconds(env.settings.scrapeInterval);
    const files = artifactsOf(env).ruleFiles;
    const allGroups = files.flatMap((f) => f.groups);
    const delays = delaysFromSample(allGroups, env.settings.scrapeInterval);
    const recorded = new Set(allGroups.flatMap((g) => g.rules.flatMap((rule) => rule.record ?? [])));
    const watched = files.filter((f) => f.name === "gpu" || f.name === "semantic").flatMap((f) => f.groups.filter((g) => g.name !== "nfops-gpu-idle"));
    expect(watched.flatMap((g) => g.rules.flatMap((rule) => rule.alert ?? []))).toHaveLength(15);
    const roundedUp = (hold: number, every: number) => Math.ceil(hold / every) * every - hold;
    const late = watched.flatMap((group) =>
      group.rules.flatMap((rule) => {
        if (!rule.alert) return [];
        const hold = durationSeconds(rule.for ?? "0s");
        const every = durationSeconds(group.interval ?? env.settings.scrapeInterval);
        const then = hold < durationSeconds(PROMPT_HOLD_BELOW) ? scrape : rollup;
        const readsRecording = [...metricsReadNow(rule.expr)].some((metric) => recorded.has(metric));
        const before = then + roundedUp(hold, then) + (readsRecording ? scrape : 0);
        const now = (delays.get(rule) ?? Infinity) + roundedUp(hold, every);
        return now <= before + rollup ? [] : [`${group.name} every ${group.interval}: ${rule.alert} for ${rule.for ?? "nothing"}, ${now} s against ${before} s`];
      }),
    );
    expect(late).toEqual([]);
  });

  it("GIVEN a GPU alert whose hold no longer interval divides THEN its group runs as seldom as the new holds allow, and the other groups keep their intervals", () => {
    const { environment: env } = loadTestEnvironment(OVERRIDDEN_HOLDS, "gpu-holds");
    const interval = (name: string) => artifactsOf(env).ruleFiles.flatMap((f) => f.groups).find((g) => g.name === name)?.interval;
    expect(interval("nfops-gpu")).toBe("1m");
    expect(interval("nfops-gpu-sustained")).toBe("100s");
    expect(interval("nfops-gpu-readings.rules")).toBe("1m");
    // HighCPUUsage's 7 minutes make it prompt: of the intervals up to 75 s, 70 s is the longest that divides them.
    expect(interval("nfops-node-cpu.rules")).toBe("70s");
  });

  it("GIVEN a scrape interval of 10 minutes THEN the accounting runs no more often than the roll-ups", () => {
    expect(accountingInterval({ ...environment.settings, scrapeInterval: "10m" })).toBe("10m");
  });

  it("GIVEN the readings and accounting groups THEN only nf_gpu_util reads dcgm-exporter's utilisation series, and the shares read nf_gpu_util", () => {
    const accounting = groups.filter((g) => [readingsGroup, costGroup].includes(g) || g.name === "nfops-cost-hourly.rules");
    expect(accounting).toHaveLength(3);
    const readers = accounting.flatMap((group) => group.rules).filter((rule) => promqlMetrics(parsePromQL(rule.expr)).some((m) => PER_INSTANCE_UTILISATION.includes(m)));
    expect(readers.map((rule) => rule.record)).toEqual([METRIC.gpuUtil]);
    expect(readingsGroup?.rules.map((rule) => rule.record)).toContain(METRIC.gpuUtil);
    const shares = costGroup?.rules.find((rule) => rule.record === METRIC.gpuShare);
    expect(promqlMetrics(parsePromQL(shares?.expr ?? ""))).toContain(METRIC.gpuUtil);
  });

  // DESIGN §12: each raw series about once per evaluation interval; the alerts read small recordings.
  it("GIVEN the default environment THEN every rule that reads dcgm-exporter's series runs at most once a roll-up interval, and reads each of them once", () => {
    expect(readersMoreOftenThan(rawDcgmReaders, rollupInterval(environment.settings), environment.settings.scrapeInterval)).toEqual([]);
    const rereads = rawDcgmReaders.filter(({ reads }) => new Set(reads).size < reads.length);
    expect(rereads.map(({ rule, reads }) => `${rule.alert ?? rule.record} reads ${reads.join(", ")}`)).toEqual([]);
  });

  it("GIVEN the GPU alerts THEN the ones over every GPU's clocks, memory and temperature read recordings, not dcgm-exporter's series", () => {
    const alertsReadingRaw = rawDcgmReaders.filter(({ rule }) => ["GPUClockThrottled", "ZombieGPUProcess", "GPUPodMappingBroken", "GPUFellOffBus"].includes(rule.alert ?? ""));
    expect(alertsReadingRaw.map(({ rule }) => rule.alert)).toEqual([]);
  });

  it("GIVEN the hourly roll-ups THEN they read no dcgm-exporter series: the hour's energy adds up the counter's increases per accounting interval", () => {
    const hourly = groups.find((g) => g.name === "nfops-cost-hourly.rules")?.rules ?? [];
    expect(rawDcgmReaders.filter(({ rule }) => hourly.includes(rule)).map(({ rule }) => rule.record)).toEqual([]);
    const energy = hourly.find((rule) => rule.record === METRIC.physicalGpuEnergyKwh1h);
    expect(promqlMetrics(parsePromQL(energy?.expr ?? ""))).toContain(METRIC.countedGpuEnergyStep);
  });

  it("GIVEN the hourly roll-ups THEN the GPU-hours per namespace add up per-namespace sums, not every holder's share", () => {
    const hourly = groups.find((g) => g.name === "nfops-cost-hourly.rules")?.rules ?? [];
    for (const name of [METRIC.gpuHours1h, METRIC.gpuIdleHours1h]) {
      const metrics = promqlMetrics(parsePromQL(hourly.find((rule) => rule.record === name)?.expr ?? ""));
      expect(metrics, name).not.toContain(METRIC.gpuShare);
      expect(metrics, name).not.toContain(METRIC.holderGpuHours1h);
      expect(metrics, name).not.toContain(METRIC.gpuIdleShare);
    }
  });
});
