import { dashboardPanels, type PanelEntry } from "./dashboard-panels.js";
import type { DashboardChange } from "./model.js";

/** Pixels per grid column (Grafana has 24) and per grid row unit. */
const COLUMN = 20;
const UNIT = 22;
const GAP = 40;
const HEADER = 48;
const WIDTH = 24 * COLUMN;

/** Fill and stroke of a panel by what happened to it; the same colours in every picture. */
export const HIGHLIGHT = {
  changed: { fill: "#ffd33d", stroke: "#9a6700" },
  moved: { fill: "#ffd33d", stroke: "#9a6700" },
  added: { fill: "#aceebb", stroke: "#1a7f37" },
  removed: { fill: "#ffcecb", stroke: "#cf222e" },
  unchanged: { fill: "#f6f8fa", stroke: "#d0d7de" },
} as const;

type Mark = keyof typeof HIGHLIGHT;

/**
 * The grid of a changed dashboard before and after, side by side: every panel as a box with its
 * title and type, rows as bars, changed panels highlighted (moved and changed amber, added green,
 * removed red), so that a reviewer sees where a panel went without opening Grafana.
 */
export function layoutSvg(change: DashboardChange, before: Record<string, unknown>, after: Record<string, unknown>): string {
  const marksBefore = new Map<string, Mark>();
  const marksAfter = new Map<string, Mark>();
  for (const panel of change.panels) {
    if (panel.kind === "added") marksAfter.set(panel.key, "added");
    else if (panel.kind === "removed") marksBefore.set(panel.key, "removed");
    else {
      marksBefore.set(panel.key, panel.kind);
      marksAfter.set(panel.newKey ?? panel.key, panel.kind);
    }
  }
  const left = dashboardPanels(before);
  const right = dashboardPanels(after);
  const rows = (entries: PanelEntry[]) => Math.max(1, ...entries.map((p) => p.gridPos.y + p.gridPos.h));
  const height = HEADER + Math.max(rows(left), rows(right)) * UNIT + 10;
  const width = 2 * WIDTH + GAP + 20;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="10" y="18" font-size="14" font-weight="bold">${xml(change.title)} (${xml(change.uid)})</text>`,
    side("before", 10, left, marksBefore),
    side("after", 10 + WIDTH + GAP, right, marksAfter),
    "</svg>",
    "",
  ].join("\n");
}

function side(label: string, x0: number, panels: PanelEntry[], marks: ReadonlyMap<string, Mark>): string {
  const parts = [`<g data-side="${label}">`, `<text x="${x0}" y="${HEADER - 8}" font-size="12" fill="#57606a">${label}</text>`];
  for (const panel of panels) {
    const mark = marks.get(panel.key) ?? "unchanged";
    const { fill, stroke } = HIGHLIGHT[mark];
    const x = x0 + panel.gridPos.x * COLUMN;
    const y = HEADER + panel.gridPos.y * UNIT;
    const w = Math.max(1, panel.gridPos.w * COLUMN - 2);
    const h = Math.max(1, panel.gridPos.h * UNIT - 2);
    const chars = Math.max(3, Math.floor(w / 6.5));
    parts.push(`<g data-key="${xml(panel.key)}" data-change="${mark}">`);
    if (panel.type === "row") {
      parts.push(`<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="${mark === "unchanged" ? "#eaeef2" : fill}" stroke="${stroke}"/>`);
      parts.push(`<text x="${x + 4}" y="${y + h - 6}" font-size="11" font-weight="bold">${xml(clip(panel.title, chars))}</text>`);
    } else {
      parts.push(`<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="3" fill="${fill}" stroke="${stroke}" stroke-width="${mark === "unchanged" ? 1 : 2}"/>`);
      parts.push(`<text x="${x + 4}" y="${y + 14}" font-size="11">${xml(clip(panel.title, chars))}</text>`);
      parts.push(`<text x="${x + 4}" y="${y + 28}" font-size="10" fill="#57606a">${xml(clip(panel.type, chars))}${mark === "unchanged" ? "" : ` · ${mark}`}</text>`);
    }
    parts.push("</g>");
  }
  parts.push("</g>");
  return parts.join("\n");
}

const clip = (text: string, chars: number) => (text.length > chars ? `${text.slice(0, chars - 1)}…` : text);

const xml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
