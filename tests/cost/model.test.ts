import { describe, expect, it } from "vitest";
import { loadPricing } from "../../src/config/load-pricing.js";
import { migShare } from "../../src/cost/mig.js";
import { calculateCost, co2Kg, energyCostUsd, facilityEnergyKwh, gpuCostUsd, priceUsdPerKwhAt, tdpEstimateKwh, UnknownPricingKeyError } from "../../src/cost/model.js";
import { tempProject } from "../helpers/temp-project.js";

const fixture = tempProject({ pricing: "fixture" });
const pricing = loadPricing(fixture);
fixture.remove();
const touRegion = pricing.electricity.regions["tou-region"]!;

describe("cost model", () => {
  it.each([
    // energy kWh, PUE, USD/kWh, g/kWh -> facility kWh, energy USD, CO2 kg
    [10, 1.5, 0.2, 400, 15, 3, 6],
    [0, 1.5, 0.2, 400, 0, 0, 0],
    [2, 1, 0.25, 50, 2, 0.5, 0.1],
  ])("GIVEN %f kWh at PUE %f, %f USD/kWh, %f g/kWh THEN facility %f kWh, %f USD, %f kg", (kwh, pue, price, intensity, facility, usd, kg) => {
    const f = facilityEnergyKwh(kwh, pue);
    expect(f).toBeCloseTo(facility, 12);
    expect(energyCostUsd(f, price)).toBeCloseTo(usd, 12);
    expect(co2Kg(f, intensity)).toBeCloseTo(kg, 12);
  });

  it("GIVEN 5 GPU-hours at 2.5 USD/h THEN GPU cost is 12.5 USD", () => {
    expect(gpuCostUsd(5, 2.5)).toBe(12.5);
  });

  it("GIVEN the fixture pricing WHEN calculating 10 kWh and 5 GPU-hours THEN every figure is exact", () => {
    const result = calculateCost({ energyKwh: 10, gpuHours: 5, region: "test-region", gpuType: "test-gpu" }, pricing);
    expect(result).toMatchObject({ energyKwh: 10, facilityEnergyKwh: 15, energyCostUsd: 3, gpuCostUsd: 12.5, totalCostUsd: 15.5, co2Kg: 6 });
    expect(result.pricing).toMatchObject({ region: "test-region", pue: 1.5, priceUsdPerKwh: 0.2, gpuType: "test-gpu", gpuUsdPerHour: 2.5 });
  });

  it("GIVEN an unknown region or GPU type THEN the error names the value and the known keys", () => {
    expect(() => calculateCost({ energyKwh: 1, gpuHours: 1, region: "mars", gpuType: "test-gpu" }, pricing)).toThrowError(
      new UnknownPricingKeyError("region", "mars", ["test-region", "tou-region"]),
    );
    expect(() => calculateCost({ energyKwh: 1, gpuHours: 1, region: "test-region", gpuType: "v100" }, pricing)).toThrowError(
      'unknown GPU type "v100"; pricing defines: other-gpu, test-gpu',
    );
  });

  // tou-region: Europe/Paris; 22:00-06:00 every day at 0.1, 17:00-20:00 on weekdays at 0.5, else 0.3.
  it.each([
    ["2026-01-14T12:00:00Z", 0.3, "Wednesday 13:00 Paris: flat"],
    ["2026-01-14T16:30:00Z", 0.5, "Wednesday 17:30 Paris: weekday peak"],
    ["2026-01-17T16:30:00Z", 0.3, "Saturday 17:30 Paris: no peak at weekends"],
    ["2026-01-14T21:00:00Z", 0.1, "Wednesday 22:00 Paris: night window starts (inclusive)"],
    ["2026-01-15T04:59:00Z", 0.1, "Thursday 05:59 Paris: night window wraps midnight"],
    ["2026-01-15T05:00:00Z", 0.3, "Thursday 06:00 Paris: night window ends (exclusive)"],
    ["2026-07-15T15:30:00Z", 0.5, "Wednesday 17:30 Paris in summer time (UTC+2)"],
  ])("GIVEN %s THEN the price in effect is %f (%s)", (iso, expected) => {
    expect(priceUsdPerKwhAt(touRegion, new Date(iso))).toBe(expected);
  });
});

describe("GPU shares and the TDP estimate", () => {
  it.each([
    ["1g.10gb", "NVIDIA H100 80GB HBM3", 1 / 7],
    ["1g.10gb+me", "NVIDIA H100 80GB HBM3", 1 / 7],
    ["3g.40gb", "NVIDIA A100-SXM4-80GB", 3 / 7],
    ["7g.80gb", "NVIDIA H100 80GB HBM3", 1],
    ["1g.6gb", "NVIDIA A30", 1 / 4],
    ["4g.24gb", "NVIDIA A30", 1],
  ])("GIVEN MIG profile %s on %s THEN the instance's share is its compute slices over the GPU's", (profile, model, share) => {
    expect(migShare(profile, model)).toBe(share);
  });

  it.each([
    ["10gb", "NVIDIA H100 80GB HBM3", /does not start with <slices>g\./],
    ["7g.24gb", "NVIDIA A30", /holds 7 compute slices, but NVIDIA A30 has 4/],
  ])("GIVEN the impossible MIG profile %s on %s THEN the error says why", (profile, model, message) => {
    expect(() => migShare(profile, model)).toThrow(message);
  });

  it("GIVEN a job on one 1g instance of a 7-slice GPU THEN it pays a seventh of the devices' energy and hours", () => {
    // 14 kWh x 1/7 = 2 kWh x PUE 1.5 = 3 kWh -> 0.6 USD, 1.2 kg; 7 h x 1/7 = 1 GPU-hour x 2.5 = 2.5 USD.
    const result = calculateCost({ energyKwh: 14, gpuHours: 7, share: migShare("1g.10gb", "NVIDIA Test GPU"), region: "test-region", gpuType: "test-gpu" }, pricing);
    expect(result).toMatchObject({ share: 1 / 7, energyMethod: "given", gpuHours: 1, gpuCostUsd: 2.5, co2Kg: 1.2 });
    expect(result.energyKwh).toBeCloseTo(2, 12);
    expect(result.energyCostUsd).toBeCloseTo(0.6, 12);
  });

  it("GIVEN no energy but 50 % utilisation for 2 h THEN the energy is TDP x utilisation x hours, shared like measured energy", () => {
    // test-gpu: 300 W x 0.5 x 2 h = 0.3 kWh; shared by 3 pods: 0.1 kWh and 2/3 GPU-hour each.
    expect(tdpEstimateKwh(300, 50, 2)).toBe(0.3);
    const result = calculateCost({ utilizationPercent: 50, gpuHours: 2, share: 1 / 3, region: "test-region", gpuType: "test-gpu" }, pricing);
    expect(result.energyMethod).toBe("tdp_estimate");
    expect(result.energyKwh).toBeCloseTo(0.1, 12);
    expect(result.gpuHours).toBeCloseTo(2 / 3, 12);
  });

  it("GIVEN a share outside (0, 1] THEN it is refused", () => {
    expect(() => calculateCost({ energyKwh: 1, gpuHours: 1, share: 2, region: "test-region", gpuType: "test-gpu" }, pricing)).toThrow("a GPU share must be in (0, 1] (value: 2)");
  });
});
