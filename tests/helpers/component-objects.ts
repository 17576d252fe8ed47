import { App, Chart } from "cdk8s";
import type { Construct } from "constructs";
import type { Environment } from "../../src/config/environment-schema.js";
import { loadEnvironments } from "../../src/config/load-environments.js";
import { loadPricing } from "../../src/config/load-pricing.js";
import type { Pricing } from "../../src/config/pricing-schema.js";
import { tempProject } from "./temp-project.js";

/** A Kubernetes object as synthesized, for assertions. */
export type KubeObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; [key: string]: any };

/**
 * The environment `name` loaded through the real loader (schema defaults applied) from `yaml`,
 * with the repository's pricing.
 */
export function loadTestEnvironment(yaml = "", name = "test"): { environment: Environment; pricing: Pricing } {
  const project = tempProject();
  try {
    project.write(`stacks/${name}.yaml`, yaml);
    const pricing = loadPricing(project);
    const environment = loadEnvironments(project, pricing).find((e) => e.name === name);
    if (!environment) throw new Error(`environment ${name} not loaded`);
    return { environment, pricing };
  } finally {
    project.remove();
  }
}

/** The objects one construct synthesizes, in a chart of their own. */
export function synthObjects(build: (scope: Construct) => void): KubeObject[] {
  const chart = new Chart(new App({ outdir: "unused" }), "test", { disableResourceNameHashes: true });
  build(chart);
  return chart.toJson() as KubeObject[];
}

/** The one object of `kind` (and `name`, when given); throws when there is none or several. */
export function only(objects: readonly KubeObject[], kind: string, name?: string): KubeObject {
  const found = objects.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  if (found.length !== 1) throw new Error(`expected one ${kind} ${name ?? ""}, found ${found.length}`);
  return found[0] as KubeObject;
}
