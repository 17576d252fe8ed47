import { App, Chart } from "cdk8s";
import type { Construct } from "constructs";

/** A Kubernetes object as synthesized, for assertions. */
export type KubeObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; [key: string]: any };

export { loadTestEnvironment } from "./environments.js";

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
