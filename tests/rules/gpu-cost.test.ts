import { describe, expect, it } from "vitest";
import { METRIC } from "../../rules/core/catalog.js";
import { durationSeconds } from "../../src/config/duration.js";
import { accountingInterval, rollupInterval } from "../../src/promql/windows.js";
import { loadTestEnvironment } from "../helpers/environments.js";
import { artifactsOf } from "../helpers/packs.js";
import { readersMoreOftenThan, rulesReading } from "../helpers/rule-readers.js";
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

  it("GIVEN the default settings THEN GPUUtilizationLow and the holders it reads run with the accounting chain, the GPU alerts with a `for` of 5 or 15 minutes every 100 s", () => {
    const groupOf = (name: string) => groups.find((g) => g.rules.some((rule) => (rule.alert ?? rule.record) === name));
    expect(groupOf("GPUUtilizationLow")?.interval).toBe(accountingInterval(environment.settings));
    expect(groupOf(METRIC.lowUtilizationHolders)).toBe(groupOf("GPUUtilizationLow"));
    const held = groups.find((g) => g.name === "nfops-gpu");
    expect(held?.interval).toBe("100s");
    expect(held?.rules.map((rule) => rule.alert).filter(Boolean)).toEqual(expect.arrayContaining(["GPUTemperatureHigh", "GPUMemoryNearlyFull", "GPUXidErrors", "GPUClockThrottled", "GPUNVLinkErrors"]));
    expect(groups.find((g) => g.name === "nfops-gpu-faults")?.interval).toBe("2m");
  });

  /** Overrides that change the holds: no interval over one minute and up to two divides 7 minutes; 100 s divides 15 minutes (9 evaluations). */
  const OVERRIDDEN_HOLDS = "alerts:\n  GPUTemperatureHigh: { for: 7m }\n  ZombieGPUProcess: { for: 15m }\n";

  // A hold that is a whole number of evaluations ends on one: the alert fires at most (interval - roll-up
  // interval) later than at the roll-up interval. A hold that is not ends on the next evaluation, later still.
  it.each([
    ["the default settings", ""],
    ["a 7-minute GPUTemperatureHigh and a 15-minute ZombieGPUProcess", OVERRIDDEN_HOLDS],
    ["a 2-minute scrape interval", "scrapeInterval: 2m\n"],
  ])("GIVEN %s THEN each GPU alert fires less than one roll-up interval later than at the roll-up interval", (_case, yaml) => {
    const { environment: env } = loadTestEnvironment(yaml, "gpu-holds");
    const rollup = durationSeconds(rollupInterval(env.settings));
    const gpuGroups = artifactsOf(env).ruleFiles.find((f) => f.name === "gpu")?.groups.filter((g) => g.name !== "nfops-gpu-idle") ?? [];
    expect(gpuGroups.map((g) => g.name)).toEqual(["nfops-gpu", "nfops-gpu-faults"]);
    for (const group of gpuGroups) {
      const every = durationSeconds(group.interval ?? "0s");
      expect(every, group.name).toBeGreaterThanOrEqual(rollup);
      expect(every, group.name).toBeLessThan(2 * rollup + 1);
      const uneven = group.rules.filter((rule) => rule.alert && durationSeconds(rule.for ?? "0s") % every !== 0);
      expect(uneven.map((rule) => `${group.name} every ${group.interval}: ${rule.alert} for ${rule.for}`)).toEqual([]);
    }
  });

  it("GIVEN a GPU alert whose hold no longer interval divides, or an alert with a longer even hold THEN its group runs at the roll-up interval, or as seldom as the new hold allows", () => {
    const { environment: env } = loadTestEnvironment(OVERRIDDEN_HOLDS, "gpu-holds");
    const interval = (name: string) => artifactsOf(env).ruleFiles.flatMap((f) => f.groups).find((g) => g.name === name)?.interval;
    expect(interval("nfops-gpu")).toBe(rollupInterval(env.settings));
    expect(interval("nfops-gpu-faults")).toBe("100s");
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
