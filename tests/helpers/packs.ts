import { stackPlan } from "../../src/components/component-table.js";
import type { Environment } from "../../src/config/environment-schema.js";
import type { Artifacts } from "../../src/model/artifacts.js";
import type { PackContext } from "../../src/model/stack-model.js";
import { packsInEffect } from "../../src/packs/registry.js";
import { buildArtifacts } from "../../src/synth/render-environment.js";

/** What the packs of an environment receive, built as synthesis builds it. */
export function packContext(environment: Environment): PackContext {
  const stack = stackPlan(environment.settings);
  return { environment, stack, packs: packsInEffect(environment.settings, stack) };
}

/** Rule files, dashboards and metric catalog of the packs in effect for an environment. */
export function artifactsOf(environment: Environment): Artifacts {
  return buildArtifacts(packContext(environment));
}
