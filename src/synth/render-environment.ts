import { buildDashboards } from "../../dashboards/index.js";
import { buildRuleFiles } from "../../rules/index.js";
import { composeStack } from "../../stacks/compose.js";
import type { Environment } from "../config/environment-schema.js";
import type { Pricing } from "../config/pricing-schema.js";
import { ruleFileYaml, type Artifacts } from "../model/artifacts.js";
import { generatedHeader, type OutputFile } from "./output-file.js";
import { renderManifests } from "./render-manifests.js";

export interface RenderContext {
  readonly environment: Environment;
  readonly pricing: Pricing;
}

/** Rules and dashboards of an environment, built once and shared by the plain files and the manifests. */
export function buildArtifacts(environment: Environment): Artifacts {
  return { ruleFiles: buildRuleFiles(environment), dashboards: buildDashboards(environment) };
}

/**
 * Everything under `dist/<env>/`, as a pure function of the environment and pricing:
 * `manifests/` (kubectl apply -k), `rules/` (plain Prometheus rule files) and `dashboards/`.
 */
export function renderEnvironment(context: RenderContext): OutputFile[] {
  const source = context.environment.source;
  const artifacts = buildArtifacts(context.environment);
  const files: OutputFile[] = [
    ...renderManifests(composeStack({ ...context, artifacts }), source),
    ...artifacts.ruleFiles.map((file) => ({
      path: `rules/${file.name}.yaml`,
      content: generatedHeader("#", source) + ruleFileYaml(file),
      objects: file.groups.length,
    })),
    ...artifacts.dashboards.map((dashboard) => ({ path: `dashboards/${dashboard.uid}.json`, content: dashboard.json, objects: 1 })),
  ];
  return files.sort((a, b) => a.path.localeCompare(b.path));
}
