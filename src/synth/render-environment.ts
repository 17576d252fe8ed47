import { compareCodePoints } from "../config/code-point-order.js";
import { clusterVariableEnabled, withClusterVariable } from "../../dashboards/cluster-filter.js";
import { renderDashboard } from "../../dashboards/render.js";
import { exporterAdvice } from "./exporter-advice.js";
import { inputRules } from "../../rules/inputs/inputs.js";
import { composeStack } from "../../stacks/compose.js";
import { stackPlan } from "../components/component-table.js";
import type { Environment } from "../config/environment-schema.js";
import type { Pricing } from "../config/pricing-schema.js";
import { ruleFileYaml, type Artifacts, type RuleFile } from "../model/artifacts.js";
import { catalogInEffect } from "../model/catalog-in-effect.js";
import type { StackContext } from "../model/stack-model.js";
import type { PackContext } from "../model/stack-model.js";
import { packsInEffect } from "../packs/registry.js";
import { applyAlertOverrides } from "../promql/alert-overrides.js";
import { evaluateSustainedAlertsSlower } from "../promql/sustained-alerts.js";
import { generatedHeader, type OutputFile } from "./output-file.js";
import { renderManifests } from "./render-manifests.js";

/** What the deployed components want the user to know about an environment (`nfops synth` prints it). */
export function stackNotices(context: StackContext): string[] {
  const { environment, stack } = context;
  const packs = packsInEffect(environment.settings, stack);
  return [
    ...stack.deployed.flatMap((component) => component.notices?.(stack) ?? []),
    ...packs.flatMap((pack) => pack.notices?.({ environment, stack, packs }) ?? []),
    ...exporterAdvice({ environment, stack, packs }),
  ];
}

export interface RenderContext {
  readonly environment: Environment;
  readonly pricing: Pricing;
}

/** What the packs in effect build for an environment, once, shared by the plain files and the manifests. */
export function buildArtifacts(context: PackContext): Artifacts {
  const { settings } = context.environment;
  const ruleFiles = evaluateSustainedAlertsSlower(
    applyAlertOverrides(
      [...context.packs.flatMap((pack) => pack.ruleFiles(context)), ...nonEmpty(inputRules(context))],
      settings.alerts,
    ),
    settings,
  );
  const clash = ruleFiles.find((file, index) => ruleFiles.findIndex((other) => other.name === file.name) !== index);
  if (clash) throw new Error(`two packs write the rule file ${clash.name}.yaml`);
  const alerts = new Set(ruleFiles.flatMap((file) => file.groups.flatMap((group) => group.rules.flatMap((rule) => (rule.alert ? [rule.alert] : [])))));
  const inhibitions = context.packs.flatMap((pack) => pack.inhibitions ?? []);
  for (const inhibition of inhibitions) {
    const missing = [inhibition.source, inhibition.target].filter((name) => !alerts.has(name));
    if (missing.length > 0) throw new Error(`an inhibition names alerts that no pack in effect defines: ${missing.join(", ")}`);
  }
  return {
    ruleFiles,
    inhibitions,
    dashboards: context.packs
      .flatMap((pack) => pack.dashboards(context))
      .map((builder) => builder.build())
      .map((model) => renderDashboard(clusterVariableEnabled(context.environment.settings) ? withClusterVariable(model) : model)),
    metrics: catalogInEffect(context.stack, context.packs),
  };
}

/** The input contract alerts of an environment that reads no external input would be an empty file. */
function nonEmpty(file: RuleFile): RuleFile[] {
  return file.groups.length > 0 ? [file] : [];
}

/** The stack plan, packs and artifacts of an environment: everything its charts are composed from. */
export function stackContext({ environment, pricing }: RenderContext): StackContext {
  const stack = stackPlan(environment.settings);
  const packs = packsInEffect(environment.settings, stack);
  return { environment, pricing, stack, artifacts: buildArtifacts({ environment, stack, packs }) };
}

/**
 * Everything under `dist/<env>/`, as a pure function of the environment and pricing:
 * `manifests/` (kubectl apply -k), `rules/` (plain Prometheus rule files) and `dashboards/`.
 */
export function renderEnvironment(context: RenderContext): { files: OutputFile[]; notices: string[] } {
  const source = context.environment.source;
  const stack = stackContext(context);
  const { artifacts } = stack;
  const files: OutputFile[] = [
    ...renderManifests(composeStack(stack), source, context.environment.settings),
    ...artifacts.ruleFiles.map((file) => ({
      path: `rules/${file.name}.yaml`,
      content: generatedHeader("#", source) + ruleFileYaml(file),
      objects: file.groups.length,
    })),
    ...artifacts.dashboards.map((dashboard) => ({ path: `dashboards/${dashboard.uid}.json`, content: dashboard.json, objects: 1 })),
  ];
  return { files: files.sort((a, b) => compareCodePoints(a.path, b.path)), notices: stackNotices(stack) };
}
