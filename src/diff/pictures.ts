import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { environmentFiles } from "./environment-diff.js";
import { layoutSvg } from "./layout-svg.js";
import type { OutputTree, TreeDiff } from "./model.js";

/** Writes `<dir>/<env>/<uid>.svg` for every dashboard whose panels changed; returns the paths written. */
export function writePictures(directory: string, diff: TreeDiff, before: OutputTree, after: OutputTree): string[] {
  const written: string[] = [];
  for (const environment of diff.environments) {
    const oldFiles = environmentFiles(before, environment.name);
    const newFiles = environmentFiles(after, environment.name);
    for (const dashboard of environment.dashboards) {
      if (dashboard.kind !== "changed" || dashboard.panels.length === 0) continue;
      const path = `dashboards/${dashboard.uid}.json`;
      const oldText = oldFiles.get(path);
      const newText = newFiles.get(path);
      if (oldText === undefined || newText === undefined) continue;
      const file = join(directory, environment.name, `${dashboard.uid}.svg`);
      mkdirSync(join(directory, environment.name), { recursive: true });
      writeFileSync(file, layoutSvg(dashboard, JSON.parse(oldText) as Record<string, unknown>, JSON.parse(newText) as Record<string, unknown>));
      written.push(file);
    }
  }
  return written;
}
