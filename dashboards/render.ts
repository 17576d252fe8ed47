import type { Dashboard } from "@grafana/grafana-foundation-sdk/dashboard";
import type { DashboardFile } from "../src/model/artifacts.js";
import { toJson } from "../src/model/serialize.js";

/**
 * From a built dashboard model to the canonical file a reviewer reads in a pull request.
 *
 * Canonical key order: in every object, the identity keys come first in a fixed order
 * (`LEADING_KEYS`: `uid`, `id`, `refId`, `type`, `title`, `name`, `description`), then all other keys
 * alphabetically; arrays keep their order (panel, target and variable order is meaningful). The rule
 * is the same at every depth, so the output depends neither on the SDK's insertion order nor on its
 * version, and each panel opens with `id`, `type`, `title` — what a reviewer looks for in a diff.
 */
export const LEADING_KEYS = ["uid", "id", "refId", "type", "title", "name", "description"] as const;

/** Grafana rejects longer dashboard uids. */
export const MAX_UID_LENGTH = 40;

/** The refId of the target at `index` in its panel: A, B, …, Z, AA, AB, … */
export function refIdOf(index: number): string {
  let id = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) id = String.fromCharCode(65 + ((n - 1) % 26)) + id;
  return id;
}

interface PanelLike {
  id?: number;
  targets?: { refId?: string }[];
  panels?: PanelLike[];
}

/**
 * Fixes what must not depend on how a dashboard was written: panel ids are 1, 2, … in layout order
 * (rows included, nested panels after their row), refIds follow target order within each panel, and
 * the dashboard is read-only. Editing one panel's query therefore never renumbers another panel.
 */
export function finalizeDashboard(model: Dashboard): Dashboard {
  // A JSON round trip, not structuredClone: the SDK's query objects carry marker methods.
  const result = JSON.parse(JSON.stringify(model)) as Dashboard;
  if (!result.uid || result.uid.length > MAX_UID_LENGTH) {
    throw new Error(`dashboard "${result.title}": uid must have 1 to ${MAX_UID_LENGTH} characters (value: ${JSON.stringify(result.uid)})`);
  }
  result.editable = false;
  let nextId = 1;
  const number = (panels: PanelLike[]) => {
    for (const panel of panels) {
      panel.id = nextId++;
      panel.targets?.forEach((target, index) => {
        target.refId = refIdOf(index);
      });
      if (panel.panels) number(panel.panels);
    }
  };
  number((result.panels ?? []) as PanelLike[]);
  return result;
}

function keyRank(key: string): number {
  const rank = (LEADING_KEYS as readonly string[]).indexOf(key);
  return rank === -1 ? LEADING_KEYS.length : rank;
}

/** A deep copy of `value` with every object's keys in canonical order (see `LEADING_KEYS`). */
export function canonicalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalize);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, child]) => child !== undefined)
    .sort(([a], [b]) => keyRank(a) - keyRank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([key, child]) => [key, canonicalize(child)]));
}

/** The file of a dashboard: finalised, canonical pretty JSON with a trailing newline. */
export function renderDashboard(model: Dashboard): DashboardFile {
  const finalized = finalizeDashboard(model);
  return { uid: finalized.uid as string, title: finalized.title ?? "", json: toJson(canonicalize(finalized)) };
}
