import { describe, expect, it } from "vitest";
import type { Dashboard } from "@grafana/grafana-foundation-sdk/dashboard";
import { overviewDashboard } from "../../dashboards/core/overview/index.js";
import { canonicalize, LEADING_KEYS, refIdOf, renderDashboard } from "../../dashboards/render.js";
import { packContext } from "../helpers/packs.js";
import { defaultEnvironment, type DashboardJson } from "./dashboard-model.js";

interface PanelRange {
  readonly title: string;
  readonly first: number;
  readonly last: number;
}

/** Line ranges of the top-level panel objects in a canonical dashboard file (two-space indent). */
function panelRanges(json: string): PanelRange[] {
  const lines = json.split("\n");
  const start = lines.indexOf('  "panels": [');
  const ranges: PanelRange[] = [];
  let open = -1;
  for (let i = start + 1; i < lines.length && lines[i] !== "  ],"; i++) {
    if (lines[i] === "    {") open = i;
    if (lines[i] === "    }" || lines[i] === "    },") {
      const title = /"title": "(.*)"/.exec(lines.slice(open, i).find((l) => l.startsWith('      "title": ')) ?? "")?.[1] ?? "";
      ranges.push({ title, first: open, last: i });
    }
  }
  return ranges;
}

function changedLines(before: string, after: string): number[] {
  const a = before.split("\n");
  const b = after.split("\n");
  expect(b.length).toBe(a.length);
  return a.flatMap((line, index) => (line === b[index] ? [] : [index]));
}

function baseModel(): Dashboard {
  return overviewDashboard(packContext(defaultEnvironment())).build();
}

describe("canonical dashboard JSON", () => {
  const baseline = renderDashboard(baseModel()).json;
  const panelCount = (JSON.parse(baseline) as DashboardJson).panels.length;

  it("GIVEN the Overview WHEN rendered THEN its panels are found as contiguous line ranges (the golden test below is not vacuous)", () => {
    const ranges = panelRanges(baseline);
    expect(ranges).toHaveLength(panelCount);
    expect(ranges.map((r) => r.title)).toContain("Error ratio");
  });

  it("GIVEN the Overview WHEN each panel's first query is changed in turn THEN only that panel's lines change", () => {
    const panels = (JSON.parse(baseline) as DashboardJson).panels;
    const withQueries = panels.flatMap((p, index) => ((p.targets ?? []).length > 0 ? [index] : []));
    expect(withQueries.length).toBeGreaterThan(10);
    for (const index of withQueries) {
      const model = baseModel();
      const panel = (model.panels ?? [])[index] as unknown as { title: string; targets: { expr: string }[] };
      panel.targets[0]!.expr = `${panel.targets[0]!.expr} * 2`;
      const altered = renderDashboard(model).json;
      const range = panelRanges(altered)[index]!;
      expect(range.title).toBe(panel.title);
      const changed = changedLines(baseline, altered);
      expect(changed.length, panel.title).toBeGreaterThan(0);
      expect(changed.filter((line) => line < range.first || line > range.last), panel.title).toEqual([]);
    }
  });

  it("GIVEN a panel added at the end WHEN rendered THEN no existing panel's id or lines change", () => {
    const model = baseModel();
    const extra = JSON.parse(JSON.stringify((model.panels ?? []).at(-1))) as NonNullable<Dashboard["panels"]>[number];
    model.panels = [...(model.panels ?? []), { ...extra, gridPos: { x: 0, y: 100, w: 24, h: 8 } }];
    const before = baseline.split("\n");
    const after = renderDashboard(model).json.split("\n");
    const lastPanelEnd = panelRanges(baseline).at(-1)!.last;
    // Up to the closing brace of the last panel nothing changes but its trailing comma.
    expect(after.slice(0, lastPanelEnd)).toEqual(before.slice(0, lastPanelEnd));
    expect(after[lastPanelEnd]).toBe("    },");
  });

  it("GIVEN objects with keys in any order WHEN canonicalised THEN identity keys lead in a fixed order and the rest are sorted, at every depth", () => {
    const value = canonicalize({ zeta: 1, title: "t", id: 3, alpha: { b: 1, a: 2, type: "x" }, list: [{ y: 1, x: 2 }], type: "stat" });
    expect(JSON.stringify(value)).toBe('{"id":3,"type":"stat","title":"t","alpha":{"type":"x","a":2,"b":1},"list":[{"x":2,"y":1}],"zeta":1}');
    expect(LEADING_KEYS[0]).toBe("uid");
  });

  it("GIVEN the rendered Overview WHEN reading each panel THEN it opens with id, type, title", () => {
    const ranges = panelRanges(baseline);
    const lines = baseline.split("\n");
    for (const range of ranges) {
      expect(lines[range.first + 1]).toMatch(/^ {6}"id": \d+,$/);
      expect(lines[range.first + 2]).toMatch(/^ {6}"type": "/);
      expect(lines[range.first + 3]).toMatch(/^ {6}"title": "/);
    }
    expect(baseline.endsWith("}\n")).toBe(true);
  });

  it("GIVEN target positions WHEN naming refIds THEN they run A..Z, AA, AB", () => {
    expect([0, 1, 25, 26, 27].map(refIdOf)).toEqual(["A", "B", "Z", "AA", "AB"]);
  });

  it("GIVEN a uid longer than 40 characters WHEN rendering THEN it is rejected with the value", () => {
    const model = baseModel();
    model.uid = "x".repeat(41);
    expect(() => renderDashboard(model)).toThrow(/uid must have 1 to 40 characters.*xxxx/);
  });
});
