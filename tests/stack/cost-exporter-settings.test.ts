import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { repositoryRoot } from "../../src/config/project-paths.js";
import { renderEnvironment } from "../../src/synth/render-environment.js";
import { loadTestEnvironment } from "../helpers/environments.js";

const PROD = readFileSync(join(repositoryRoot, "stacks/prod.yaml"), "utf8");
const COST_EXPORTER_DIR = "manifests/cost-exporter/";

/** dist/prod/ of stacks/prod.yaml with `edit` applied to its text, as path → content. */
function distOf(edit: (yaml: string) => string): Map<string, string> {
  const edited = edit(PROD);
  expect(edited).not.toBe(PROD);
  return new Map(renderEnvironment(loadTestEnvironment(edited, "prod")).files.map((f) => [f.path, f.content]));
}

function changedPaths(a: Map<string, string>, b: Map<string, string>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].filter((path) => a.get(path) !== b.get(path)).sort();
}

describe("the cost exporter's settings", () => {
  const base = distOf((yaml) => `${yaml}\n`);

  it.each([
    ["gpu.temperatureCelsius", (yaml: string) => yaml.replace(/^gpu:\n/m, "gpu:\n  temperatureCelsius: 80\n")],
    ["budgets.weeklyCostUsd", (yaml: string) => yaml.replace("weeklyCostUsd: 25000", "weeklyCostUsd: 30000")],
    ["slo.latencyP95Ms", (yaml: string) => yaml.replace("latencyP95Ms: 250", "latencyP95Ms: 500")],
  ])("GIVEN a change of %s WHEN synthesized THEN its rules or dashboards change and no file under manifests/cost-exporter/ does", (_setting, edit) => {
    const changed = changedPaths(base, distOf(edit));
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.filter((path) => path.startsWith(COST_EXPORTER_DIR))).toEqual([]);
  });

  it("GIVEN a change of a costExporter setting WHEN synthesized THEN the stacks ConfigMap and the Deployment's config checksum change", () => {
    const changed = changedPaths(base, distOf((yaml) => `${yaml}costExporter:\n  reloadCheckSeconds: 60\n`));
    expect(changed).toEqual([`${COST_EXPORTER_DIR}configmap-nfops-cost-exporter-stacks.yaml`, `${COST_EXPORTER_DIR}deployment-nfops-cost-exporter.yaml`]);
  });

  it("GIVEN the stacks ConfigMap WHEN read THEN it holds region and costExporter, nothing else", () => {
    const configMap = parse(base.get(`${COST_EXPORTER_DIR}configmap-nfops-cost-exporter-stacks.yaml`) ?? "");
    const settings = parse(configMap.data["prod.yaml"]);
    expect(Object.keys(settings)).toEqual(["region", "costExporter"]);
    expect(settings.region).toBe("eu-west-3");
  });
});
