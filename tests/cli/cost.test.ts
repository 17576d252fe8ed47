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

  it("GIVEN a MIG instance and no measured energy WHEN asked THEN it pays its slice of the GPU-hours and of the TDP estimate", () => {
    const result = nfops(["cost", "--utilization", "70", "--gpu-hours", "7", "--mig-profile", "1g.10gb", "--json"], fixture.root);
    expect(result.status, result.stderr).toBe(0);
    // test-gpu: 300 W x 0.7 x 7 h = 1.47 kWh for the GPU, 1/7 of it = 0.21 kWh x PUE 1.5 = 0.315 kWh;
    // 0.315 x 0.2 = 0.063 USD; 7 h x 1/7 = 1 GPU-hour x 2.5 = 2.5 USD; 0.315 x 400 g = 0.126 kg.
    expect(JSON.parse(result.stdout)).toMatchObject({
      energyMethod: "tdp_estimate",
      share: 0.142857,
      energyKwh: 0.21,
      facilityEnergyKwh: 0.315,
      energyCostUsd: 0.063,
      gpuHours: 1,
      gpuCostUsd: 2.5,
      totalCostUsd: 2.563,
      co2Kg: 0.126,
    });
  });

  it("GIVEN a GPU shared by 4 pods WHEN asked THEN the text says the share and charges a quarter", () => {
    const result = nfops(["cost", "--energy-kwh", "8", "--gpu-hours", "4", "--shared-by", "4"], fixture.root);
    expect(result.stdout).toContain("share:         0.25 of each GPU's hours and energy");
    // 8 x 0.25 = 2 kWh x 1.5 = 3 kWh -> 0.6 USD; 4 x 0.25 = 1 h x 2.5 = 2.5 USD.
    expect(result.stdout).toContain("total cost:    3.1 USD");
  });

  it.each([
    [["cost", "--gpu-hours", "5"], "--energy-kwh (or --utilization, to estimate it) is required", 2],
    [["cost", "--energy-kwh", "1", "--utilization", "5", "--gpu-hours", "5"], "give --energy-kwh or --utilization, not both", 2],
    [["cost", "--utilization", "150", "--gpu-hours", "5"], '--utilization is a percentage of 0 to 100 (value: "150")', 2],
    [["cost", "--energy-kwh", "1", "--gpu-hours", "5", "--mig-profile", "9g.90gb"], "--mig-profile: MIG profile 9g.90gb holds 9 compute slices, but NVIDIA Test GPU has 7", 2],
    [["cost", "--energy-kwh", "1", "--gpu-hours", "5", "--shared-by", "0"], '--shared-by must be a whole number of pods, 1 or more (value: "0")', 2],
    [["cost", "--energy-kwh", "1", "--gpu-hours", "5", "--shared-by", "2", "--mig-profile", "1g.10gb"], "give --mig-profile or --shared-by, not both", 2],
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

  it("GIVEN invalid pricing THEN the read-only command says the input is invalid, not that nothing was written", () => {
    const broken = tempProject({ pricing: "fixture" });
    try {
      broken.write("pricing/gpu.yaml", "gpuTypes: 3\n");
      const result = nfops(["cost", "--energy-kwh", "1", "--gpu-hours", "1"], broken.root);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain("nfops cost: invalid input:\npricing/gpu.yaml");
      expect(result.stderr).not.toContain("nothing was written");
    } finally {
      broken.remove();
    }
  });
});
