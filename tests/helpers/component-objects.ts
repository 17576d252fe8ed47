import { App, Chart } from "cdk8s";
import type { Construct } from "constructs";

/** A Kubernetes object as synthesized, for assertions. */
export type KubeObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; [key: string]: any };

import type { ComponentKey, StackContext } from "../../src/model/stack-model.js";
import { stackContext } from "../../src/synth/render-environment.js";
import { loadTestEnvironment } from "./environments.js";

export { loadTestEnvironment };

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

/** One environment loaded from `yaml` through the real loader, composed as synthesis composes it (stack plan, packs, artifacts). */
export function loadTestStack(yaml = "", name = "test"): StackContext {
  const { environment, pricing } = loadTestEnvironment(yaml, name);
  return stackContext({ environment, pricing });
}

/** The objects one component's construct synthesizes in a stack, as its chart would hold them. */
export function componentObjects(context: StackContext, key: ComponentKey): KubeObject[] {
  const definition = context.stack.component(key);
  return synthObjects((scope) => definition.construct(scope, { ...context, definition }));
}
