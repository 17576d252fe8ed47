import { describe, expect, it } from "vitest";
import { dataPanels, defaultEnvironment, renderedDashboards, withSettings, type DashboardJson, type PanelJson } from "./dashboard-model.js";

const custom = withSettings(defaultEnvironment(), {
  slo: { latencyP95Ms: 317, errorRatio: 0.0123 },
  budgets: { weeklyCostUsd: 4321, weeklyCo2Kg: 87.5 },
  gpu: { lowUtilizationPercent: 33, temperatureCelsius: 79, memoryNearlyFullPercent: 91, zombieMemoryMiB: 777 },
  nodes: { cpuPercent: 71, memoryPercent: 83, diskPercent: 89 },
});
const byUid = new Map(renderedDashboards(custom).map(({ model }) => [model.uid, model]));

function panel(uid: string, title: string): PanelJson {
  const found = dataPanels(byUid.get(uid) as DashboardJson).find((p) => p.title === title);
  if (!found) throw new Error(`no panel "${title}" on ${uid}`);
  return found;
}

function limits(p: PanelJson): (number | null)[] {
  return (p.fieldConfig?.defaults?.thresholds?.steps ?? []).map((s) => s.value);
}

describe("dashboard thresholds come from the environment", () => {
  it.each([
    ["nfops-overview", "Latency p50 / p95 / p99", 317],
    ["nfops-overview", "Error ratio", 0.0123],
    ["nfops-overview", "Cost over 7 days", 4321],
    ["nfops-overview", "CO2 over 7 days", 87.5],
    ["nfops-overview", "Cost today", 4321 / 7],
    ["nfops-overview", "CPU busy", 71],
    ["nfops-overview", "Memory in use (% of total)", 83],
    ["nfops-overview", "Fullest filesystem", 89],
    ["nfops-overview", "GPU utilisation", 33],
    ["nfops-gpu-fleet", "Temperature", 79],
    ["nfops-gpu-fleet", "GPU memory in use (% of total)", 91],
    ["nfops-gpu-fleet", "Zombie candidates", 777],
    ["nfops-cost-carbon", "Cost, rolling 7 days", 4321],
    ["nfops-inference-slo", "Availability", 1 - 0.0123],
    ["nfops-inference-slo", "Error ratio by service", 0.0123],
  ] as const)("GIVEN custom limits WHEN building %s THEN %s has a threshold step at %s", (uid, title, limit) => {
    expect(limits(panel(uid, title))).toContain(limit);
  });

  it("GIVEN custom limits WHEN building THEN limits that filter queries are substituted too", () => {
    const underused = panel("nfops-gpu-fleet", "Held but underused").targets?.[0]?.expr ?? "";
    expect(underused).toMatch(/< 33$/);
    const zombies = panel("nfops-gpu-fleet", "Zombie candidates").targets?.[0]?.expr ?? "";
    expect(zombies).toContain("> 777");
    const remaining = panel("nfops-inference-slo", "Error budget remaining").targets?.[0]?.expr ?? "";
    expect(remaining).toMatch(/\/ 0\.0123$/);
  });

  it("GIVEN custom limits WHEN building THEN no default limit is left anywhere in the dashboards", () => {
    const json = renderedDashboards(custom).map((d) => d.file.json).join("\n");
    for (const stale of ['"value": 250', '"value": 0.005', '"value": 1000', '"value": 85,', "> 512", "< 20"]) expect(json).not.toContain(stale);
  });
});
