import { afterEach, describe, expect, it } from "vitest";
import { loadPricing } from "../../src/config/load-pricing.js";
import { configErrorOf } from "../helpers/config-error.js";
import { tempProject, type TempProject } from "../helpers/temp-project.js";

let project: TempProject;
afterEach(() => project?.remove());

function problemOf(file: "electricity.yaml" | "gpu.yaml", text: string): string {
  project = tempProject({ pricing: "fixture" });
  project.write(`pricing/${file}`, text);
  return configErrorOf(() => loadPricing(project));
}

const region = (fields: string) =>
  `regions:\n  r1:\n    description: d\n    source: s\n    date: "2026-01-01"\n${fields}`;
const gpu = (fields: string) => `gpuTypes:\n  g1:\n    description: d\n    source: s\n    date: "2026-01-01"\n    tdpWatts: 300\n${fields}`;

describe("pricing files", () => {
  it("GIVEN the repository's pricing WHEN loading THEN it is valid and covers the seeded regions and GPU types", () => {
    project = tempProject({ pricing: "repository" });
    const pricing = loadPricing(project);
    expect(Object.keys(pricing.electricity.regions)).toEqual(
      expect.arrayContaining(["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "eu-west-3", "ap-northeast-1"]),
    );
    expect(Object.keys(pricing.gpu.gpuTypes)).toEqual(
      expect.arrayContaining(["nvidia-t4", "nvidia-l4", "nvidia-a10g", "nvidia-a100-80gb", "nvidia-h100-80gb"]),
    );
  });

  it.each([
    ["a negative price", region("    priceUsdPerKwh: -0.1\n    carbonIntensityGPerKwh: 100\n    pue: 1.2\n"), "pricing/electricity.yaml:6:21: /regions/r1/priceUsdPerKwh: must be > 0 (value: -0.1)"],
    ["a zero price", region("    priceUsdPerKwh: 0\n    carbonIntensityGPerKwh: 100\n    pue: 1.2\n"), "/regions/r1/priceUsdPerKwh: must be > 0 (value: 0)"],
    ["a PUE below 1", region("    priceUsdPerKwh: 0.1\n    carbonIntensityGPerKwh: 100\n    pue: 0.9\n"), "/regions/r1/pue: must be >= 1 (value: 0.9)"],
    ["a missing field", region("    priceUsdPerKwh: 0.1\n    pue: 1.2\n"), "/regions/r1/carbonIntensityGPerKwh: is required"],
    ["a bad time zone", region("    priceUsdPerKwh: 0.1\n    carbonIntensityGPerKwh: 100\n    pue: 1.2\n    timezone: Mars/Olympus\n"), '/regions/r1/timezone: is not an IANA time zone (value: "Mars/Olympus")'],
    ["a bad clock time", region("    priceUsdPerKwh: 0.1\n    carbonIntensityGPerKwh: 100\n    pue: 1.2\n    timeOfUse: [{from: '25:00', to: '06:00', priceUsdPerKwh: 0.1}]\n"), '/regions/r1/timeOfUse/0/from: must match pattern'],
  ])("GIVEN electricity pricing with %s WHEN loading THEN the message names file, path and value", (_what, text, expected) => {
    expect(problemOf("electricity.yaml", text)).toContain(expected);
  });

  it.each([
    ["a zero hourly price", gpu("    usdPerHour: 0\n    dcgmModelNames: [A]\n"), "pricing/gpu.yaml:7:17: /gpuTypes/g1/usdPerHour: must be > 0 (value: 0)"],
    ["no model names", gpu("    usdPerHour: 1\n    dcgmModelNames: []\n"), "/gpuTypes/g1/dcgmModelNames: must NOT have fewer than 1 items (value: [])"],
    ["an upper-case key", "gpuTypes:\n  H100:\n    description: d\n", '/gpuTypes/H100: is not an allowed key (value: "H100")'],
  ])("GIVEN GPU pricing with %s WHEN loading THEN the message names file, path and value", (_what, text, expected) => {
    expect(problemOf("gpu.yaml", text)).toContain(expected);
  });

  it("GIVEN one DCGM model name under two GPU types WHEN loading THEN the second is rejected", () => {
    const entry = (key: string) => `  ${key}:\n    description: d\n    usdPerHour: 1\n    dcgmModelNames: ["NVIDIA X"]\n    tdpWatts: 1\n    source: s\n    date: "2026-01-01"\n`;
    expect(problemOf("gpu.yaml", `gpuTypes:\n${entry("a")}${entry("b")}`)).toContain(
      'pricing/gpu.yaml:12:22: /gpuTypes/b/dcgmModelNames/0: is already listed under gpuTypes/a (value: "NVIDIA X")',
    );
  });
});
