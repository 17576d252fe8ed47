import { describe, expect, it } from "vitest";
import { METRIC } from "../../rules/core/catalog.js";
import { rollupInterval } from "../../src/promql/windows.js";
import { loadTestEnvironment } from "../helpers/environments.js";
import { artifactsOf } from "../helpers/packs.js";
import { parsePromQL, promqlMetrics } from "../helpers/query-syntax.js";

/**
 * The GPU accounting's cost design (rules/core/gpu-accounting.ts, `npm run bench -- rules`): the
 * holdings are recorded at the roll-up interval, and dcgm-exporter's per-instance utilisation
 * series are read once there, by `nf_gpu_util`; the shares and the TDP estimate derive from it.
 */
const PER_INSTANCE_UTILISATION: readonly string[] = [METRIC.dcgmGpuUtil, METRIC.dcgmGrEngineActive];

const { environment } = loadTestEnvironment("", "gpu-cost");
const groups = artifactsOf(environment).ruleFiles.flatMap((f) => f.groups);
const costGroup = groups.find((g) => g.name === "nfops-cost.rules");

describe("GPU accounting rule cost", () => {
  it("GIVEN the default settings THEN the holdings and their hourly roll-ups run at the roll-up interval", () => {
    expect(costGroup?.interval).toBe(rollupInterval(environment.settings));
    expect(groups.find((g) => g.name === "nfops-cost-hourly.rules")?.interval).toBe(rollupInterval(environment.settings));
  });

  it("GIVEN the holdings group THEN only nf_gpu_util reads dcgm-exporter's utilisation series, and the shares read nf_gpu_util", () => {
    const readers = (costGroup?.rules ?? []).filter((rule) => promqlMetrics(parsePromQL(rule.expr)).some((m) => PER_INSTANCE_UTILISATION.includes(m)));
    expect(readers.map((rule) => rule.record)).toEqual([METRIC.gpuUtil]);
    const shares = costGroup?.rules.find((rule) => rule.record === METRIC.gpuShare);
    expect(promqlMetrics(parsePromQL(shares?.expr ?? ""))).toContain(METRIC.gpuUtil);
  });
});
