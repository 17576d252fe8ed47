import { Gauge, Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { cachedExposition } from "../../src/exporter/exposition-cache.js";

function countingRegistry() {
  const registry = new Registry();
  let collects = 0;
  let fail = false;
  new Gauge({
    name: "renders",
    help: "How often collect() ran.",
    registers: [registry],
    collect() {
      if (fail) throw new Error("collect failed");
      collects += 1;
      this.set(collects);
    },
  });
  return { registry, collects: () => collects, failNext: (value: boolean) => (fail = value) };
}

describe("cachedExposition", () => {
  it("GIVEN scrapes within the max age WHEN served THEN they share one rendering; at the max age it renders again", async () => {
    const { registry, collects } = countingRegistry();
    let nowMs = 10_000;
    const exposition = cachedExposition(registry, 1_000, () => nowMs);
    const first = await exposition();
    nowMs += 999;
    expect(await exposition()).toBe(first);
    expect(collects()).toBe(1);
    nowMs += 1;
    expect(await exposition()).toContain("renders 2");
    expect(collects()).toBe(2);
  });

  it("GIVEN a rendering that fails WHEN scraped again within the max age THEN it renders again instead of reusing the failure", async () => {
    const { registry, collects, failNext } = countingRegistry();
    const exposition = cachedExposition(registry, 1_000, () => 0);
    failNext(true);
    await expect(exposition()).rejects.toThrow("collect failed");
    failNext(false);
    expect(await exposition()).toContain("renders 1");
    expect(collects()).toBe(1);
  });
});
