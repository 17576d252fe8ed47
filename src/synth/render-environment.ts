import type { Environment } from "../config/environment-schema.js";
import type { Pricing } from "../config/pricing-schema.js";
import { composeStack } from "../../stacks/compose.js";
import type { OutputFile } from "./output-file.js";
import { renderManifests } from "./render-manifests.js";

export interface RenderContext {
  readonly environment: Environment;
  readonly pricing: Pricing;
}

/**
 * Everything under `dist/<env>/`, as a pure function of the environment and pricing:
 * `manifests/` (kubectl apply -k), `rules/` and `dashboards/`.
 */
export function renderEnvironment(context: RenderContext): OutputFile[] {
  const source = context.environment.source;
  const files = [...renderManifests(composeStack(context), source)];
  return files.sort((a, b) => a.path.localeCompare(b.path));
}
