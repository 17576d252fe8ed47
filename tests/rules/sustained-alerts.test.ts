import { describe, expect, it } from "vitest";
import type { RuleFile } from "../../src/model/artifacts.js";
import { evaluateSustainedAlertsSlower } from "../../src/promql/sustained-alerts.js";
import { loadTestEnvironment } from "../helpers/environments.js";
import { artifactsOf } from "../helpers/packs.js";

const file: RuleFile = {
  name: "demo",
  groups: [
    {
      name: "nfops-demo",
      rules: [
        { record: "demo:x:sum", expr: "sum(x)" },
        { alert: "Quick", expr: "x > 1", for: "4m" },
        { alert: "Sustained", expr: "x > 2", for: "5m" },
        { alert: "Immediate", expr: "x > 3" },
      ],
    },
    { name: "nfops-own-interval", interval: "30s", rules: [{ alert: "Slow", expr: "y > 1", for: "1h" }] },
  ],
};

describe("alerts that wait 5 minutes or more", () => {
  it("GIVEN 15 s scrapes WHEN the rule files are built THEN they move to a <group>-sustained group evaluated every minute, the rest keep their order", () => {
    const { environment } = loadTestEnvironment("scrapeInterval: 15s");
    const [out] = evaluateSustainedAlertsSlower([file], environment.settings);
    expect(out?.groups.map((g) => [g.name, g.interval, g.rules.map((r) => r.alert ?? r.record)])).toEqual([
      ["nfops-demo", undefined, ["demo:x:sum", "Quick", "Immediate"]],
      ["nfops-demo-sustained", "1m", ["Sustained"]],
      ["nfops-own-interval", "30s", ["Slow"]],
    ]);
  });

  it("GIVEN scrapes every 2 minutes WHEN built THEN nothing moves: no group may run less often than it is scraped", () => {
    const { environment } = loadTestEnvironment("scrapeInterval: 2m");
    expect(evaluateSustainedAlertsSlower([file], environment.settings)).toEqual([file]);
  });

  it("GIVEN an override that shortens an alert's for WHEN synthesized THEN it stays in the group evaluated every scrape", () => {
    const groupOf = (yaml: string, alert: string) =>
      artifactsOf(loadTestEnvironment(yaml).environment)
        .ruleFiles.flatMap((f) => f.groups)
        .find((g) => g.rules.some((r) => r.alert === alert));
    expect(groupOf("", "HighMemoryUsage")?.name).toBe("nfops-platform-sustained");
    expect(groupOf("alerts: { HighMemoryUsage: { for: 2m } }", "HighMemoryUsage")?.name).toBe("nfops-platform");
  });

  it("GIVEN an override that shortens HighCPUUsage's for WHEN synthesized THEN the group that records the CPU it reads runs as often as the hold needs", () => {
    const cpuGroup = (yaml: string) => artifactsOf(loadTestEnvironment(yaml).environment).ruleFiles.flatMap((f) => f.groups).find((g) => g.rules.some((r) => r.alert === "HighCPUUsage"));
    expect(cpuGroup("")).toMatchObject({ name: "nfops-node-cpu.rules", interval: "2m" });
    // 2 minutes is a prompt hold: the longest interval up to scrape + roll-up (75 s) it is a whole number of.
    expect(cpuGroup("alerts: { HighCPUUsage: { for: 2m } }")).toMatchObject({ name: "nfops-node-cpu.rules", interval: "1m" });
  });
});
