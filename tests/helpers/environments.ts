import type { Environment } from "../../src/config/environment-schema.js";
import { loadEnvironments } from "../../src/config/load-environments.js";
import { loadPricing } from "../../src/config/load-pricing.js";
import type { Pricing } from "../../src/config/pricing-schema.js";
import { LOAD_OPTIONS } from "../../src/synth/load-options.js";
import { tempProject } from "./temp-project.js";

/**
 * Environments loaded through the real loader (schema defaults and cross-checks applied) from
 * YAML texts keyed by environment name, with the repository's pricing. The embedded `default`
 * is included unless `stacks` replaces it.
 */
export function loadTestEnvironments(stacks: Record<string, string>): { environments: Environment[]; pricing: Pricing } {
  const project = tempProject();
  try {
    for (const [name, yaml] of Object.entries(stacks)) project.write(`stacks/${name}.yaml`, yaml);
    const pricing = loadPricing(project);
    return { environments: loadEnvironments(project, pricing, LOAD_OPTIONS), pricing };
  } finally {
    project.remove();
  }
}

/** One environment called `name` from `yaml`, with the pricing it was checked against. */
export function loadTestEnvironment(yaml = "", name = "test"): { environment: Environment; pricing: Pricing } {
  const { environments, pricing } = loadTestEnvironments({ [name]: yaml });
  const environment = environments.find((e) => e.name === name);
  if (!environment) throw new Error(`environment ${name} not loaded`);
  return { environment, pricing };
}
