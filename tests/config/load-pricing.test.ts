import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LLM_FILE, loadPricing } from "../../src/config/load-pricing.js";
import { configErrorOf } from "../helpers/config-error.js";
import { tempProject, type TempProject } from "../helpers/temp-project.js";

let project: TempProject;
afterEach(() => project?.remove());

type PricingFile = "electricity.yaml" | "gpu.yaml" | "llm.yaml";

function problemOf(file: PricingFile, text: string): string {
  project = tempProject({ pricing: "fixture" });
  project.write(`pricing/${file}`, text);
  return configErrorOf(() => loadPricing(project));
}

const region = (fields: string) =>
  `regions:\n  r1:\n    description: d\n    source: s\n    date: "2026-01-01"\n${fields}`;
const llmModel = (fields: string) => `providers:\n  p1:\n    models:\n      m1:\n${fields}`;
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
    expect(Object.keys(pricing.llm?.providers ?? {})).toEqual(expect.arrayContaining(["openai", "anthropic"]));
    expect(pricing.llm?.providers.openai?.models["gpt-4o-mini"]).toMatchObject({ promptUsdPerMillion: 0.15, completionUsdPerMillion: 0.6 });
  });

  it("GIVEN a pricing directory without llm.yaml WHEN loading THEN it is valid and has no LLM prices", () => {
    project = tempProject({ pricing: "fixture" });
    rmSync(join(project.pricingDir, LLM_FILE));
    const pricing = loadPricing(project);
    expect(pricing.llm).toBeUndefined();
    expect(Object.keys(pricing.gpu.gpuTypes)).toContain("test-gpu");
  });

  it.each([
    ["llm.yaml", "a missing price", llmModel('        promptUsdPerMillion: 1\n        source: "https://example.com/p"\n        date: "2026-01-01"\n'), "pricing/llm.yaml:5:9: /providers/p1/models/m1/completionUsdPerMillion: is required"],
    ["llm.yaml", "a negative price", llmModel('        promptUsdPerMillion: -0.5\n        completionUsdPerMillion: 1\n        source: "https://example.com/p"\n        date: "2026-01-01"\n'), "pricing/llm.yaml:5:30: /providers/p1/models/m1/promptUsdPerMillion: must be >= 0 (value: -0.5)"],
    ["llm.yaml", "a source that is no URL", llmModel('        promptUsdPerMillion: 1\n        completionUsdPerMillion: 1\n        source: OpenAI pricing page\n        date: "2026-01-01"\n'), 'pricing/llm.yaml:7:17: /providers/p1/models/m1/source: must match format "uri" (value: "OpenAI pricing page")'],
    ["llm.yaml", "a source that is not http(s)", llmModel('        promptUsdPerMillion: 1\n        completionUsdPerMillion: 1\n        source: "ftp://example.com/p"\n        date: "2026-01-01"\n'), 'pricing/llm.yaml:7:17: /providers/p1/models/m1/source: must match pattern "^https?://[^\\s/]+" (value: "ftp://example.com/p")'],
    ["llm.yaml", "a date that is no date", llmModel('        promptUsdPerMillion: 1\n        completionUsdPerMillion: 1\n        source: "https://example.com/p"\n        date: "2026-02-30"\n'), 'pricing/llm.yaml:8:15: /providers/p1/models/m1/date: must match format "date" (value: "2026-02-30")'],
    ["llm.yaml", "an unknown key", llmModel('        promptUsdPerMillion: 1\n        completionUsdPerMillion: 1\n        cachedUsdPerMillion: 0.1\n        source: "https://example.com/p"\n        date: "2026-01-01"\n'), "pricing/llm.yaml:7:30: /providers/p1/models/m1/cachedUsdPerMillion: unknown key (value: 0.1)"],
    ["llm.yaml", "a provider key that is no label-safe name", "providers:\n  Open AI:\n    models: {}\n", '/providers/Open AI: is not an allowed key (value: "Open AI")'],
    ["llm.yaml", "a model key a selector would have to escape", 'providers:\n  p1:\n    models:\n      "gpt \\"4o\\"": {}\n', '/providers/p1/models/gpt "4o": is not an allowed key (value: "gpt \\"4o\\"")'],
    ["llm.yaml", "a provider without models", "providers:\n  p1:\n    models: {}\n", "pricing/llm.yaml:3:13: /providers/p1/models: must NOT have fewer than 1 properties (value: {})"],
    ["electricity.yaml", "a negative price", region("    priceUsdPerKwh: -0.1\n    carbonIntensityGPerKwh: 100\n    pue: 1.2\n"), "pricing/electricity.yaml:6:21: /regions/r1/priceUsdPerKwh: must be > 0 (value: -0.1)"],
    ["electricity.yaml", "a zero price", region("    priceUsdPerKwh: 0\n    carbonIntensityGPerKwh: 100\n    pue: 1.2\n"), "/regions/r1/priceUsdPerKwh: must be > 0 (value: 0)"],
    ["electricity.yaml", "a PUE below 1", region("    priceUsdPerKwh: 0.1\n    carbonIntensityGPerKwh: 100\n    pue: 0.9\n"), "/regions/r1/pue: must be >= 1 (value: 0.9)"],
    ["electricity.yaml", "a missing field", region("    priceUsdPerKwh: 0.1\n    pue: 1.2\n"), "/regions/r1/carbonIntensityGPerKwh: is required"],
    ["electricity.yaml", "a bad time zone", region("    priceUsdPerKwh: 0.1\n    carbonIntensityGPerKwh: 100\n    pue: 1.2\n    timezone: Mars/Olympus\n"), '/regions/r1/timezone: is not an IANA time zone (value: "Mars/Olympus")'],
    ["electricity.yaml", "a bad clock time", region("    priceUsdPerKwh: 0.1\n    carbonIntensityGPerKwh: 100\n    pue: 1.2\n    timeOfUse: [{from: '25:00', to: '06:00', priceUsdPerKwh: 0.1}]\n"), '/regions/r1/timeOfUse/0/from: must match pattern'],
    ["gpu.yaml", "a zero hourly price", gpu("    usdPerHour: 0\n    dcgmModelNames: [A]\n"), "pricing/gpu.yaml:7:17: /gpuTypes/g1/usdPerHour: must be > 0 (value: 0)"],
    ["gpu.yaml", "no model names", gpu("    usdPerHour: 1\n    dcgmModelNames: []\n"), "/gpuTypes/g1/dcgmModelNames: must NOT have fewer than 1 items (value: [])"],
    ["gpu.yaml", "an upper-case key", "gpuTypes:\n  H100:\n    description: d\n", '/gpuTypes/H100: is not an allowed key (value: "H100")'],
  ])("GIVEN %s with %s WHEN loading THEN the message names file, path and value", (file, _what, text, expected) => {
    expect(problemOf(file as PricingFile, text)).toContain(expected);
  });

  it("GIVEN one DCGM model name under two GPU types WHEN loading THEN the second is rejected", () => {
    const entry = (key: string) => `  ${key}:\n    description: d\n    usdPerHour: 1\n    dcgmModelNames: ["NVIDIA X"]\n    tdpWatts: 1\n    source: s\n    date: "2026-01-01"\n`;
    expect(problemOf("gpu.yaml", `gpuTypes:\n${entry("a")}${entry("b")}`)).toContain(
      'pricing/gpu.yaml:12:22: /gpuTypes/b/dcgmModelNames/0: is already listed under gpuTypes/a (value: "NVIDIA X")',
    );
  });
});
