import { describe, expect, it } from "vitest";
import { dataPanels, defaultEnvironment, renderedDashboards, withSettings, type DashboardJson } from "./dashboard-model.js";

const custom = withSettings(defaultEnvironment(), { kubernetes: { cpuThrottlingPercent: 37, volumeFullPercent: 88 } });
const namespace = renderedDashboards(custom).find(({ model }) => model.uid === "nfops-kubernetes-namespace")?.model as DashboardJson;

describe("kubernetes dashboards take their limits from the environment", () => {
  it.each([
    ["CPU throttling", 37],
    ["PersistentVolumeClaims in use", 88],
  ] as const)("GIVEN custom kubernetes thresholds WHEN building nfops-kubernetes-namespace THEN %s has a threshold step at %s", (title, limit) => {
    const panel = dataPanels(namespace).find((p) => p.title === title);
    expect((panel?.fieldConfig?.defaults?.thresholds?.steps ?? []).map((s) => s.value)).toContain(limit);
  });
});
