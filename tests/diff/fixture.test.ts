import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repositoryRoot } from "../../src/config/project-paths.js";
import { diffDashboard } from "../../src/diff/dashboard-diff.js";
import type { OutputTree } from "../../src/diff/model.js";
import { renderMarkdown } from "../../src/diff/render-markdown.js";
import { diffTrees } from "../../src/diff/tree-diff.js";
import { synthesizeWorktree } from "../../src/diff/worktree-synthesis.js";
import { tempProject, type TempProject } from "../helpers/temp-project.js";

const OPTIONS = { base: "before", head: "after" };

/** dist/ of a temp project whose default environment has this stacks/default.yaml. */
function render(project: TempProject, stack: string): OutputTree {
  project.write("stacks/default.yaml", stack);
  return synthesizeWorktree(project);
}

const overview = () => JSON.parse(readFileSync(join(repositoryRoot, "dist", "default", "dashboards", "nfops-overview.json"), "utf8")) as { title: string; panels: Array<Record<string, unknown>> };

describe("nfops diff on fixtures", () => {
  let project: TempProject;
  let before: OutputTree;
  let after: OutputTree;
  beforeAll(() => {
    project = tempProject();
    before = render(project, "gpu:\n  temperatureCelsius: 85\n");
    after = render(project, "gpu:\n  temperatureCelsius: 90\n");
  });
  afterAll(() => project.remove());

  it("GIVEN one threshold changed (gpu.temperatureCelsius 85 → 90) THEN one alert and the panel whose threshold line moved, nothing else (the cost exporter does not read it)", () => {
    const diff = diffTrees(before, after, OPTIONS);
    expect(diff.environments.map((e) => e.name)).toEqual(["default"]);
    const [environment] = diff.environments;
    expect(environment!.counts).toEqual({ dashboards: 0, panels: 1, alerts: 1, records: 0, objects: 0, formattingOnly: 0 });

    expect(environment!.rules).toHaveLength(1);
    const [alert] = environment!.rules;
    expect(alert).toMatchObject({ kind: "changed", rule: "alert", name: "GPUTemperatureHigh" });
    expect(alert!.changes.find((c) => c.field === "expr")).toMatchObject({ before: "85", after: "90" });
    expect(alert!.changes.map((c) => c.field)).toEqual(["expr", "annotation description"]);

    expect(environment!.dashboards).toHaveLength(1);
    const [dashboard] = environment!.dashboards;
    expect(dashboard!.uid).toBe("nfops-gpu-fleet");
    expect(dashboard!.changes).toEqual([]);
    expect(dashboard!.panels).toEqual([
      { kind: "changed", key: "Power and health / Temperature", type: "timeseries", changes: [{ field: "thresholds", before: "green base, red 85", after: "green base, red 90" }] },
    ]);

    // The carried dashboard and rule file, and every checksum annotation, are folded away; the
    // cost exporter's ConfigMap holds only region and costExporter, so it does not change.
    expect(environment!.objects).toEqual([]);
  });

  it("GIVEN identical trees THEN there is no output", () => {
    const diff = diffTrees(before, new Map(before), OPTIONS);
    expect(diff.environments).toEqual([]);
    expect(diff.unchanged).toEqual(["default"]);
    expect(renderMarkdown(diff)).toBe("");
  });

  it("GIVEN the Markdown THEN it has a total line and one collapsible section per changed environment", () => {
    const markdown = renderMarkdown(diffTrees(before, after, OPTIONS));
    expect(markdown).toContain("**1 panel, 1 alert changed** in 1 of 1 environment.");
    expect(markdown).toContain("<details><summary><b>default</b>: 1 panel, 1 alert changed</summary>");
    expect(markdown).toContain("`…U_TEMP{job=\"dcgm-exporter\"} > [-85-]{+90+})`");
  });
});

describe("panels and dashboards are matched by what they are, not where", () => {
  it("GIVEN two panels that swapped places (and ids, and order in the JSON) THEN both are moves, not removals and additions", () => {
    const old = overview();
    const now = overview();
    const a = now.panels.findIndex((p) => p.title === "CPU busy");
    const b = now.panels.findIndex((p) => p.title === "Memory in use");
    const [first, second] = [now.panels[a]!, now.panels[b]!];
    [first.gridPos, second.gridPos] = [second.gridPos, first.gridPos];
    [first.id, second.id] = [second.id, first.id];
    [now.panels[a], now.panels[b]] = [second, first];
    const change = diffDashboard("nfops-overview", old, now);
    // Listed in the reading order of the new layout.
    expect(change!.panels.map((p) => [p.kind, p.key])).toEqual([
      ["moved", "System resources / Memory in use"],
      ["moved", "System resources / CPU busy"],
    ]);
    expect(change!.panels[1]).toMatchObject({ before: { x: 0, y: 1, w: 6, h: 8 }, after: { x: 6, y: 1, w: 6, h: 8 } });
  });

  it("GIVEN a panel retitled in place THEN it is one retitle, not a removal and an addition", () => {
    const now = overview();
    now.panels.find((p) => p.title === "CPU busy")!.title = "CPU in use";
    const change = diffDashboard("nfops-overview", overview(), now);
    expect(change!.panels).toEqual([{ kind: "changed", key: "System resources / CPU busy", newKey: "System resources / CPU in use", type: "timeseries", changes: [{ field: "title", before: "CPU busy", after: "CPU in use" }] }]);
  });

  it("GIVEN a dashboard whose title changed under the same uid THEN it is a rename", () => {
    const now = overview();
    now.title = "nfops / Fleet overview";
    const change = diffDashboard("nfops-overview", overview(), now);
    expect(change).toMatchObject({ kind: "changed", uid: "nfops-overview", title: "nfops / Fleet overview", panels: [] });
    expect(change!.changes).toEqual([{ field: "title", before: "nfops / Overview", after: "nfops / Fleet overview" }]);
    const markdown = renderMarkdown({ base: "a", head: "b", unchanged: [], total: { dashboards: 1, panels: 0, alerts: 0, records: 0, objects: 0, formattingOnly: 0 }, environments: [{ name: "default", status: "changed", counts: { dashboards: 1, panels: 0, alerts: 0, records: 0, objects: 0, formattingOnly: 0 }, dashboards: [change!], rules: [], objects: [] }] });
    expect(markdown).toContain("dashboard `nfops-overview` nfops / Fleet overview (renamed from nfops / Overview)");
  });
});
