import { loadEnvironments } from "../config/load-environments.js";
import { loadPricing } from "../config/load-pricing.js";
import type { ProjectPaths } from "../config/project-paths.js";
import { LOAD_OPTIONS } from "../synth/load-options.js";
import { renderEnvironment } from "../synth/render-environment.js";
import type { OutputTree } from "./model.js";

/**
 * `dist/` as the working tree's sources render it now, in memory: nothing is written, and the
 * committed `dist/` is not read. This module loads cdk8s and the Grafana SDK; the diff command
 * imports it only for `--worktree`.
 */
export function synthesizeWorktree(paths: ProjectPaths, only?: readonly string[]): OutputTree {
  const pricing = loadPricing(paths);
  const environments = loadEnvironments(paths, pricing, LOAD_OPTIONS).filter((e) => !only?.length || only.includes(e.name));
  const tree = new Map<string, string>();
  for (const environment of environments) {
    for (const file of renderEnvironment({ environment, pricing }).files) tree.set(`${environment.name}/${file.path}`, file.content);
  }
  return tree;
}
