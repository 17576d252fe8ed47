import { describe, expect, it } from "vitest";
import { loadPricing } from "../../src/config/load-pricing.js";
import { calculateCost, co2Kg, energyCostUsd, facilityEnergyKwh, gpuCostUsd, priceUsdPerKwhAt, UnknownPricingKeyError } from "../../src/cost/model.js";
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
