import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config/errors.js";
import type { Pricing } from "../../src/config/pricing-schema.js";
import { PricingStore } from "../../src/exporter/pricing-store.js";
import { tempProject, type TempProject } from "../helpers/temp-project.js";
import { captureLogger } from "./capture-logger.js";

let project: TempProject | undefined;
afterEach(() => project?.remove());

function electricityPath(p: TempProject) {
  return join(p.pricingDir, "electricity.yaml");
}

describe("PricingStore", () => {
  it("GIVEN valid pricing WHEN opened THEN it serves it, stamped with the load time", () => {
    project = tempProject({ pricing: "fixture" });
    const store = PricingStore.open(project.pricingDir, captureLogger().log, () => 5_000);
    expect(store.current.pricing.electricity.regions["test-region"]?.priceUsdPerKwh).toBe(0.2);
    expect(store.current.loadedAtSeconds).toBe(5);
    expect(store.reloadErrors).toBe(0);
  });

  it("GIVEN a missing pricing file WHEN opened THEN a ConfigError names the file", () => {
    project = tempProject({ pricing: "fixture" });
    rmSync(join(project.pricingDir, "gpu.yaml"));
    expect(() => PricingStore.open(project!.pricingDir, captureLogger().log)).toThrow(ConfigError);
    expect(() => PricingStore.open(project!.pricingDir, captureLogger().log)).toThrow(/^pricing\/gpu\.yaml: \/: cannot read file/);
  });

  it("GIVEN an invalid value WHEN opened THEN the error names file, line, path and value", () => {
    project = tempProject({ pricing: "fixture" });
    const p = project;
    writeFileSync(electricityPath(p), readFileSync(electricityPath(p), "utf8").replace("pue: 1.5", "pue: 0.5"));
    expect(() => PricingStore.open(p.pricingDir, captureLogger().log)).toThrow(
      /pricing\/electricity\.yaml:\d+:\d+: \/regions\/test-region\/pue: must be >= 1 \(value: 0\.5\)/,
    );
  });

  it("GIVEN unchanged files WHEN checked THEN nothing is reloaded", () => {
    project = tempProject({ pricing: "fixture" });
    let nowMs = 1_000;
    const store = PricingStore.open(project.pricingDir, captureLogger().log, () => nowMs);
    nowMs = 9_000;
    expect(store.check()).toBe("unchanged");
    expect(store.current.loadedAtSeconds).toBe(1);
  });

  it("GIVEN a valid new version WHEN checked THEN it takes effect with a new digest and load time", () => {
    project = tempProject({ pricing: "fixture" });
    let nowMs = 1_000;
    const store = PricingStore.open(project.pricingDir, captureLogger().log, () => nowMs);
    const before = store.current.sha256;
    writeFileSync(electricityPath(project), readFileSync(electricityPath(project), "utf8").replace("priceUsdPerKwh: 0.2", "priceUsdPerKwh: 0.25"));
    nowMs = 7_000;
    expect(store.check()).toBe("reloaded");
    expect(store.current.pricing.electricity.regions["test-region"]?.priceUsdPerKwh).toBe(0.25);
    expect(store.current.loadedAtSeconds).toBe(7);
    expect(store.current.sha256).not.toBe(before);
  });

  it("GIVEN an invalid new version WHEN checked THEN the last good pricing is kept, the error counted once and logged with file, path and value", () => {
    project = tempProject({ pricing: "fixture" });
    const { log, records } = captureLogger();
    const store = PricingStore.open(project.pricingDir, log, () => 1_000);
    const good = store.current;
    writeFileSync(electricityPath(project), readFileSync(electricityPath(project), "utf8").replace("carbonIntensityGPerKwh: 400", "carbonIntensityGPerKwh: -4"));

    expect(store.check()).toBe("rejected");
    expect(store.current).toBe(good);
    expect(store.reloadErrors).toBe(1);
    const record = records.find((r) => r.msg?.toString().startsWith("pricing reload rejected"));
    expect(record?.level).toBe(50);
    expect(record?.problems).toEqual([
      expect.objectContaining({ file: "pricing/electricity.yaml", path: "/regions/test-region/carbonIntensityGPerKwh", value: -4 }),
    ]);
    expect(record?.msg).toMatch(/pricing\/electricity\.yaml:\d+:\d+: \/regions\/test-region\/carbonIntensityGPerKwh: must be > 0 \(value: -4\)/);

    // The same bad version is not counted again on every periodic check.
    expect(store.check()).toBe("unchanged");
    expect(store.reloadErrors).toBe(1);
  });

  it("GIVEN a rejected version with a long value THEN the log quotes only its start", () => {
    project = tempProject({ pricing: "fixture" });
    const { log, records } = captureLogger();
    const store = PricingStore.open(project.pricingDir, log, () => 1_000);
    const secretish = `SECRET${"x".repeat(5_000)}TAIL`;
    writeFileSync(electricityPath(project), readFileSync(electricityPath(project), "utf8").replace("carbonIntensityGPerKwh: 400", `carbonIntensityGPerKwh: "${secretish}"`));
    expect(store.check()).toBe("rejected");
    const record = records.find((r) => r.msg?.toString().startsWith("pricing reload rejected"));
    const logged = JSON.stringify(record);
    expect(logged).toContain("SECRETxxx");
    expect(logged).not.toContain("TAIL");
    expect(logged.length).toBeLessThan(2_000);
  });

  it("GIVEN an alias bomb (billion laughs) as a new version WHEN checked THEN it is rejected, counted and logged with the file, and the last good pricing kept", () => {
    project = tempProject({ pricing: "fixture" });
    const { log, records } = captureLogger();
    const store = PricingStore.open(project.pricingDir, log, () => 1_000);
    const good = store.current;
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++) levels.push(`${"abcdefghi"[i]}: &${"abcdefghi"[i]} [${Array(10).fill(`*${"abcdefghi"[i - 1]}`).join(", ")}]`);
    writeFileSync(electricityPath(project), `${levels.join("\n")}\nregions: *i\n`);
    expect(store.check()).toBe("rejected");
    expect(store.current).toBe(good);
    expect(store.reloadErrors).toBe(1);
    expect(records.find((r) => r.msg?.toString().startsWith("pricing reload rejected"))?.msg).toMatch(/pricing\/electricity\.yaml: \/: cannot be expanded: .*alias/i);
  });

  it.each([
    {
      file: "gpu.yaml",
      deleted: "rejected" as const, // required: the last good pricing stays
      served: (p: Pricing) => p.gpu.gpuTypes["test-gpu"]?.usdPerHour,
      edit: ["usdPerHour: 2.5", "usdPerHour: 3"],
      before: 2.5,
      whileDeleted: 2.5,
      after: 3,
      reloadErrors: 1,
    },
    {
      file: "llm.yaml",
      deleted: "reloaded" as const, // optional: no file is valid pricing without LLM prices
      served: (p: Pricing) => p.llm?.providers["test-provider"]?.models["test-model"]?.completionUsdPerMillion,
      edit: ["completionUsdPerMillion: 4,", "completionUsdPerMillion: 5,"],
      before: 4,
      whileDeleted: undefined,
      after: 5,
      reloadErrors: 0,
    },
  ])("GIVEN $file deleted and then restored WHEN checked each time THEN the deletion is $deleted and the restore reloads", ({ file, deleted, served, edit, before, whileDeleted, after, reloadErrors }) => {
    project = tempProject({ pricing: "fixture" });
    const store = PricingStore.open(project.pricingDir, captureLogger().log);
    const path = join(project.pricingDir, file);
    const text = readFileSync(path, "utf8");
    expect(served(store.current.pricing)).toBe(before);
    rmSync(path);
    expect(store.check()).toBe(deleted);
    expect(served(store.current.pricing)).toBe(whileDeleted);
    const [from, to] = edit as [string, string];
    writeFileSync(path, text.replace(from, to));
    expect(store.check()).toBe("reloaded");
    expect(served(store.current.pricing)).toBe(after);
    expect(store.reloadErrors).toBe(reloadErrors);
  });
});
