import type { GridPos } from "./model.js";
import { isRecord } from "./changed-paths.js";

/** A panel with the row it sits in and its stable key. */
export interface PanelEntry {
  /** `Row / Panel`, or `Panel` above the first row, or `Row (row)` for a row itself; `#2` on repeats. */
  readonly key: string;
  readonly row: string;
  readonly title: string;
  readonly type: string;
  readonly gridPos: GridPos;
  readonly panel: Record<string, unknown>;
}

/**
 * The panels of a dashboard in order, rows included, with panels of collapsed rows (nested in the
 * row's `panels`) in place. Keys come from titles, never from ids or positions, so that inserting a
 * panel does not make every later one look changed.
 */
export function dashboardPanels(dashboard: Record<string, unknown>): PanelEntry[] {
  const entries: PanelEntry[] = [];
  const seen = new Map<string, number>();
  const add = (panel: Record<string, unknown>, row: string) => {
    const title = typeof panel.title === "string" ? panel.title : "";
    const type = typeof panel.type === "string" ? panel.type : "";
    const base = type === "row" ? `${title} (row)` : row ? `${row} / ${title || "(untitled)"}` : title || "(untitled)";
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    entries.push({ key: count === 1 ? base : `${base} #${count}`, row, title, type, gridPos: gridPos(panel.gridPos), panel });
  };
  let row = "";
  for (const panel of Array.isArray(dashboard.panels) ? dashboard.panels : []) {
    if (!isRecord(panel)) continue;
    if (panel.type === "row") {
      row = typeof panel.title === "string" ? panel.title : "";
      add(panel, "");
      for (const nested of Array.isArray(panel.panels) ? panel.panels : []) if (isRecord(nested)) add(nested, row);
    } else add(panel, row);
  }
  return entries;
}

function gridPos(value: unknown): GridPos {
  const grid = isRecord(value) ? value : {};
  const number = (key: string) => (typeof grid[key] === "number" ? (grid[key] as number) : 0);
  return { x: number("x"), y: number("y"), w: number("w"), h: number("h") };
}

/** The query expressions of a panel, in refId order, for matching a panel whose title changed. */
export function panelQueries(panel: Record<string, unknown>): string {
  const targets = Array.isArray(panel.targets) ? panel.targets.filter(isRecord) : [];
  return targets.map((target) => String(target.expr ?? target.query ?? "")).join("\n");
}

export const sameGrid = (a: GridPos, b: GridPos) => a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h;

export const showGrid = (grid: GridPos) => `${grid.w}×${grid.h} at (${grid.x}, ${grid.y})`;
