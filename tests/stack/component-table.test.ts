import { describe, expect, it } from "vitest";
import { COMPONENTS } from "../../src/components/component-table.js";
import { environmentSchema } from "../../src/config/environment-schema.js";
import { loadTestStack } from "../helpers/component-objects.js";

describe("component table", () => {
  it("GIVEN the definitions THEN keys are the schema's toggles and image-override keys, in the same order", () => {
    const keys = COMPONENTS.map((c) => c.key);
    expect(keys).toEqual(Object.keys(environmentSchema.properties.components.properties));
    expect(keys).toEqual(environmentSchema.properties.images.propertyNames.enum);
  });

  it("GIVEN the definitions THEN names (Services, jobs) and charts (folders) are unique and images are pinned", () => {
    expect(new Set(COMPONENTS.map((c) => c.name)).size).toBe(COMPONENTS.length);
    expect(new Set(COMPONENTS.map((c) => c.chart)).size).toBe(COMPONENTS.length);
    for (const c of COMPONENTS) expect(c.image, c.key).toMatch(/^[^\s@]+\/[^\s/@:]+:(?!latest$)[A-Za-z0-9_][A-Za-z0-9_.-]*$/);
  });

  it("GIVEN components the operator profile deploys THEN none needs scrape jobs beyond its ServiceMonitor (the operator profile has no way to add them)", () => {
    const operator = COMPONENTS.filter((c) => c.profiles.includes("operator"));
    expect(operator.length).toBeGreaterThan(0);
    expect(operator.filter((c) => c.scrape.extraJobs !== undefined).map((c) => c.key)).toEqual([]);
  });

  it("GIVEN an environment WHEN planned THEN a component is deployed exactly when enabled and in the profile", () => {
    const standalone = loadTestStack("components:\n  loki: false\n").stack;
    expect(standalone.isDeployed("loki")).toBe(false);
    expect(standalone.isDeployed("tempo")).toBe(true);
    const operator = loadTestStack("profile: operator\ncomponents:\n  costExporter: false\n").stack;
    expect(operator.deployed.map((c) => c.key)).toEqual(["dcgmExporter"]);
    expect(() => operator.component("nope" as never)).toThrow(/nope is missing from the component table/);
    expect(operator.serviceUrl("loki")).toBe("http://loki.nfops-monitoring.svc:3100");
  });
});
