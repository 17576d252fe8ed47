import { afterEach, describe, expect, it } from "vitest";
import { loadEnvironments } from "../../src/config/load-environments.js";
import { loadPricing } from "../../src/config/load-pricing.js";
import { PACK_NAMES } from "../../src/packs/registry.js";
import { LOAD_OPTIONS } from "../../src/synth/load-options.js";
import { configErrorOf } from "../helpers/config-error.js";
import { tempProject, type TempProject } from "../helpers/temp-project.js";

let project: TempProject;
afterEach(() => project?.remove());

function load(stacks: Record<string, string>) {
  project = tempProject({ pricing: "fixture" });
  for (const [name, text] of Object.entries(stacks)) project.write(`stacks/${name}`, text);
  return loadEnvironments(project, loadPricing(project), LOAD_OPTIONS);
}

function problemsOf(stacks: Record<string, string>): string {
  return configErrorOf(() => load(stacks));
}

describe("environment configuration", () => {
  it("GIVEN no stacks WHEN loading THEN the embedded default has every documented default", () => {
    const fixtureDefaults = "region: test-region\ncost:\n  defaultGpuType: test-gpu\n";
    const [env] = load({ "default.yaml": fixtureDefaults });
    expect(env?.name).toBe("default");
    expect(env?.source).toBe("stacks/default.yaml");
    expect(env?.settings).toMatchObject({
      namespace: "nfops-monitoring",
      profile: "standalone",
      scrapeInterval: "15s",
      slo: { latencyP95Ms: 250, errorRatio: 0.005 },
      gpu: { lowUtilizationPercent: 20 },
      retention: { prometheus: "30d", loki: "90d", tempo: "7d" },
      components: { prometheus: true, dcgmExporter: true },
      packs: ["core"],
    });
  });

  it("GIVEN a partial file WHEN loading THEN the given values win and the rest default", () => {
    const envs = load({
      "default.yaml": "region: test-region\ncost: {defaultGpuType: test-gpu}\n",
      "prod.yaml": "region: tou-region\ncost: {defaultGpuType: other-gpu}\nslo:\n  latencyP95Ms: 500\nscrapeInterval: 1s\n",
    });
    expect(envs.map((e) => e.name)).toEqual(["default", "prod"]);
    expect(envs[1]?.settings.slo).toEqual({ latencyP95Ms: 500, errorRatio: 0.005, minRequestsPerSecond: 0.1 });
    expect(envs[1]?.settings.scrapeInterval).toBe("1s");
  });

  const base = "region: test-region\ncost: {defaultGpuType: test-gpu}\n";
  it.each([
    ["malformed YAML", "slo: [unclosed\n", "stacks/bad.yaml:"],
    ["a duplicated key", `${base}namespace: a\nnamespace: b\n`, "stacks/bad.yaml:4:1: /: Map keys must be unique"],
    ["an unknown key", `${base}slo:\n  latencyP59Ms: 100\n`, 'stacks/bad.yaml:4:17: /slo/latencyP59Ms: unknown key (value: 100)'],
    ["a wrong type", `${base}budgets:\n  weeklyCostUsd: lots\n`, '/budgets/weeklyCostUsd: must be number (value: "lots")'],
    ["a zero budget", `${base}budgets:\n  weeklyCo2Kg: 0\n`, "/budgets/weeklyCo2Kg: must be > 0 (value: 0)"],
    ["a bad profile", `${base}profile: helm\n`, '/profile: must be one of "standalone", "operator" (value: "helm")'],
    ["a bad duration", `${base}scrapeInterval: 15 seconds\n`, '/scrapeInterval: must match pattern'],
    ["a latest image", `${base}images:\n  grafana: grafana/grafana:latest\n`, '/images/grafana: is not allowed (value: "grafana/grafana:latest")'],
    ["an unknown region", "region: mars-1\ncost: {defaultGpuType: test-gpu}\n", 'stacks/bad.yaml:1:9: /region: is not defined in pricing/electricity.yaml (known: test-region, tou-region) (value: "mars-1")'],
    ["an unknown GPU type", "region: test-region\ncost: {defaultGpuType: v100}\n", '/cost/defaultGpuType: is not defined in pricing/gpu.yaml (known: other-gpu, test-gpu) (value: "v100")'],
    ["an unknown pack", `${base}packs: [core, gpu-extras]\n`, `stacks/bad.yaml:3:15: /packs/1: is not defined in the pack registry (known: ${[...PACK_NAMES].sort().join(", ")}) (value: "gpu-extras")`],
    [
      "a pack that a component brings",
      `${base}packs: [core, probes]\n`,
      `stacks/bad.yaml:3:15: /packs/1: is not chosen in packs: it comes with the component blackboxExporter and is in effect wherever that is deployed (README "Packs"); packs chooses among ${[...PACK_NAMES].sort().join(", ")} (value: "probes")`,
    ],
    ["a pack listed twice", `${base}packs: [core, core]\n`, "/packs: must NOT have duplicate items"],
    [
      "the llm pack without core",
      `${base}packs: [llm]\n`,
      'stacks/bad.yaml:3:8: /packs: selects llm without core: the llm pack reads the vLLM, TGI and Triton series, the cost exporter\'s prices and the hourly GPU cost that the core pack catalogues and records; use packs: [core, llm] (value: ["llm"])',
    ],
    ["an LLM error ratio of 1", `${base}packs: [core, llm]\nllm:\n  errorRatio: 1\n`, "/llm/errorRatio: must be < 1 (value: 1)"],
    [
      "live carbon intensity enabled without a URL",
      `${base}costExporter:\n  liveCarbonIntensity:\n    enabled: true\n    url: carbon.example/{region}\n`,
      'stacks/bad.yaml:6:10: /costExporter/liveCarbonIntensity/url: must be an http(s) URL when liveCarbonIntensity is enabled (value: "carbon.example/{region}")',
    ],
  ])("GIVEN %s WHEN loading THEN one message names file, path and value", (_what, text, expected) => {
    const message = problemsOf({ "default.yaml": base, "bad.yaml": text });
    expect(message).toContain(expected);
    expect(message).toContain("stacks/bad.yaml");
  });

  it("GIVEN a file name that is not a DNS label WHEN loading THEN the name is rejected", () => {
    expect(problemsOf({ "default.yaml": base, "Prod_EU.yaml": base })).toContain(
      'stacks/Prod_EU.yaml: /: file name must be a lowercase DNS label of at most 40 characters (it names the environment) (value: "Prod_EU")',
    );
  });

  it("GIVEN two bad files WHEN loading THEN every problem is reported at once", () => {
    const message = problemsOf({ "default.yaml": base, "a.yaml": `${base}x: 1\n`, "b.yaml": `${base}y: 2\n` });
    expect(message.split("\n")).toHaveLength(2);
  });
});
