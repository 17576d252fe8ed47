import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repositoryRoot } from "../../src/config/project-paths.js";
import { tempProject } from "../helpers/temp-project.js";

const nfops = (args: string[], root: string) =>
  spawnSync(process.execPath, [join(repositoryRoot, "bin", "nfops.mjs"), ...args, "--root", root], { encoding: "utf8" });

const fixture = tempProject({ pricing: "fixture" });
fixture.write("stacks/default.yaml", "region: test-region\ncost: {defaultGpuType: test-gpu}\n");
afterAll(() => fixture.remove());

describe("nfops cost", () => {
  it("GIVEN the fixture pricing WHEN asked for 10 kWh and 5 GPU-hours as JSON THEN the figures are the hand computation", () => {
    const result = nfops(["cost", "--energy-kwh", "10", "--gpu-hours", "5", "--json"], fixture.root);
    expect(result.status).toBe(0);
    // 10 kWh x PUE 1.5 = 15 kWh; 15 x 0.2 = 3 USD; 5 h x 2.5 = 12.5 USD; 15 x 400 g = 6 kg.
    expect(JSON.parse(result.stdout)).toMatchObject({
      energyKwh: 10,
      facilityEnergyKwh: 15,
      energyCostUsd: 3,
      gpuCostUsd: 12.5,
      totalCostUsd: 15.5,
      co2Kg: 6,
      pricing: { region: "test-region", gpuType: "test-gpu", pue: 1.5, priceUsdPerKwh: 0.2, carbonIntensityGPerKwh: 400, gpuUsdPerHour: 2.5 },
    });
  });

  it("GIVEN the repository's pricing WHEN asked for us-east-1 and an A100 THEN the figures match the pricing file by hand", () => {
    const result = spawnSync(
      process.execPath,
      [join(repositoryRoot, "bin", "nfops.mjs"), "cost", "--energy-kwh", "10", "--gpu-hours", "5", "--region", "us-east-1", "--gpu-type", "nvidia-a100-80gb", "--json"],
      { encoding: "utf8", cwd: repositoryRoot },
    );
    expect(result.status).toBe(0);
    // pricing/electricity.yaml us-east-1: 0.0895 USD/kWh, 343.5 g/kWh, PUE 1.14; pricing/gpu.yaml A100 80GB: 3.4309 USD/h.
    // 10 x 1.14 = 11.4 kWh; 11.4 x 0.0895 = 1.0203 USD; 5 x 3.4309 = 17.1545 USD; 11.4 x 0.3435 = 3.9159 kg.
    expect(JSON.parse(result.stdout)).toMatchObject({
      facilityEnergyKwh: 11.4,
      energyCostUsd: 1.0203,
      gpuCostUsd: 17.1545,
      totalCostUsd: 18.1748,
      co2Kg: 3.9159,
    });
  });

  it("GIVEN the text format THEN every figure and both sources are printed", () => {
    const result = nfops(["cost", "--energy-kwh", "10", "--gpu-hours", "5"], fixture.root);
    expect(result.stdout).toContain("total cost:    15.5 USD");
    expect(result.stdout).toContain("CO2:           6 kg");
    expect(result.stdout).toContain("test fixture (2026-01-01)");
  });

  it.each([
    [["cost", "--gpu-hours", "5"], "--energy-kwh is required", 2],
    [["cost", "--energy-kwh=-1", "--gpu-hours", "5"], '--energy-kwh must be a non-negative number (value: "-1")', 2],
    [["cost", "--energy-kwh", "ten", "--gpu-hours", "5"], '--energy-kwh must be a non-negative number (value: "ten")', 2],
    [["cost", "--energy-kwh", "1", "--gpu-hours", "5", "--region", "mars-1"], 'unknown region "mars-1"; pricing defines: test-region, tou-region', 1],
    [["cost", "--energy-kwh", "1", "--gpu-hours", "5", "--gpu-type", "v100"], 'unknown GPU type "v100"', 1],
    [["cost", "--energy-kwh", "1", "--gpu-hours", "5", "--bogus"], "Unknown option '--bogus'", 2],
  ])("GIVEN %j THEN it fails with a clear message", (args, message, status) => {
    const result = nfops(args, fixture.root);
    expect(result.status).toBe(status);
    expect(result.stderr).toContain(message);
  });
});
